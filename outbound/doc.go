// Package outbound calls APIs protected by Auth0 with machine-to-machine
// tokens: it obtains a token with the client-credentials grant, keeps it
// for its whole life, renews it in the background, and sends it as a
// bearer token. It is the Go counterpart of the Python library's get,
// post, put, patch and delete.
//
// A Client is built from a Config, or from the environment with FromEnv
// (AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, AUTH0_AUDIENCE).
// Its Get, Post, Put, Patch and Delete take a context, a URL and options:
// query parameters (Query), headers (Header), a JSON, form or raw body
// (JSON, Form, Body), and per-call credentials, audience or scopes
// (Credentials, Audience, Scopes). Do sends any *http.Request the same
// way, and Transport and HTTPClient give the bearer-token behaviour to
// any other HTTP library.
//
// Unlike net/http, and like the Python library, the Client's methods
// treat an answer outside 2xx as an error: they return an
// *m2mauth.HTTPError, which holds the status, the headers and the first
// MaxErrorBody bytes of the body, and also the response itself, still
// readable from its first byte. The caller must close that response's
// body, as for any other response. Transport and HTTPClient keep
// net/http's rule that a status is not an error.
//
// Token failures are returned as they come from core.TokenSource:
// *m2mauth.RateLimitError when Auth0 kept answering 429 (it matches
// m2mauth.ErrRateLimited), *m2mauth.TokenError for any other failure of
// the grant (it matches m2mauth.ErrAuthentication), and
// m2mauth.ErrMissingClientID, ErrMissingClientSecret or
// ErrMissingAudience before any request when a credential is missing.
//
// When an API answers 401, the token it refused is dropped, a new one is
// fetched (once, however many requests saw the refusal at the same time)
// and the request is sent again, once, if its body can be replayed.
package outbound
