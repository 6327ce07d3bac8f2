// Package m2mecho authenticates echo v4 requests carrying Auth0
// machine-to-machine access tokens.
//
// New returns an echo.MiddlewareFunc that lets a request through only if
// its Authorization header holds a valid bearer token, and stores the
// token's verified claims in the echo.Context, where Claims reads them:
//
//	e := echo.New()
//	api := e.Group("/api", m2mecho.New(v))
//	api.GET("/messages", list, m2mecho.RequireScopes("read:messages"))
//
// A refused request is not answered by the middleware: it returns an
// *echo.HTTPError, so that the application's HTTPErrorHandler decides
// the body, as for every other error. Its Code is the RFC 6750 status,
// its Message the core.ErrorResponse (which encodes to the same JSON
// body as the other adapters write), and its Internal the
// *m2mauth.AuthenticationError. The WWW-Authenticate challenge is set on
// the response before the error is returned, and echo's default handler
// keeps it. WithErrorHandler changes what is returned.
package m2mecho
