// Package m2mgin authenticates gin requests carrying Auth0
// machine-to-machine access tokens.
//
// New returns a gin.HandlerFunc that lets a request continue only if its
// Authorization header holds a valid bearer token, and stores the
// token's verified claims in the gin context, where Claims reads them:
//
//	r := gin.New()
//	api := r.Group("/api", m2mgin.New(v))
//	api.GET("/messages", m2mgin.RequireScopes("read:messages"), list)
//
// A refused request is aborted with the RFC 6750 answer core.ResponseFor
// describes (401, 403 or 503, a WWW-Authenticate challenge and a JSON
// body), and its error is also recorded with c.Error, so that an error
// middleware of the application sees it in c.Errors. WithErrorHandler
// replaces the answer; the request is aborted and the error recorded
// whatever the handler does.
//
// The claims live in the gin context only, not in c.Request's context;
// handlers wrapped with gin.WrapH do not see them.
package m2mgin
