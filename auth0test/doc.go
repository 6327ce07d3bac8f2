// Package auth0test runs an Auth0-compatible tenant on loopback, for tests
// and local development, the way net/http/httptest runs a server.
//
// A Tenant publishes its signing keys at /.well-known/jwks.json exactly as
// Auth0 does (kty, use, n, e, kid, x5t and x5c, and no alg), serves the
// OpenID discovery document, mints access tokens with any claims, rotates
// and revokes keys, and can simulate a JWKS outage. Its keys are generated
// for tests only; never use them to protect anything.
//
// Its token endpoint, POST /oauth/token, grants client-credentials tokens
// to the clients registered with AddClient, signed with the signing key
// so that a validator of the tenant accepts them, and can be scripted to
// answer 429, 401 or 5xx with Auth0's headers and error objects.
package auth0test
