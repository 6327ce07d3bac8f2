// Package m2mhttp authenticates net/http requests carrying Auth0
// machine-to-machine access tokens.
//
// New wraps a handler so that it runs only for requests whose
// Authorization header holds a valid bearer token, and puts the token's
// verified claims in the request's context, where ClaimsFrom reads them:
//
//	v, err := core.New(core.Config{Domain: domain, Audience: []string{aud}})
//	...
//	mux.Handle("GET /messages", m2mhttp.New(v)(messages))
//
// The token is read from the Authorization header only, never from the
// query string or a cookie; a request with two Authorization headers is
// refused. A refused request gets the RFC 6750 answer core.ResponseFor
// describes (401, 403 or 503 with a WWW-Authenticate challenge and a
// JSON body) unless WithErrorHandler replaces it.
//
// Scopes are checked by WithScopes on the middleware, or by RequireScopes
// on a route behind a middleware that authenticated the request, so that
// one middleware at the root and a scope check per route work together.
package m2mhttp
