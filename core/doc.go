// Package core validates Auth0 machine-to-machine access tokens, with no
// web framework and no *http.Request in sight: it takes the raw token (or
// the Authorization header's value) and a context, and returns the
// verified claims or an *m2mauth.AuthenticationError.
//
// A Validator is configured the way the Python library's @authenticate
// decorator is, by Auth0 domain and audience. It fetches the tenant's
// signing keys from {issuer}.well-known/jwks.json, keeps them, refreshes
// them in the background, and refuses to let an unknown key id make it
// fetch more often than a fixed interval. What it checks, in order, is the
// checklist of RFC 8725 and RFC 9068 as Auth0 issues tokens; see
// Validator.Validate.
//
// Tokens that verified once are kept in a bounded cache keyed by the whole
// token, so that a caller that sends the same token for its whole life
// pays for one RSA verification, not one per request. See Config.CacheSize.
package core
