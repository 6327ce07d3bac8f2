// Package m2mfiber authenticates fiber v2 requests carrying Auth0
// machine-to-machine access tokens.
//
// New returns a fiber.Handler that lets a request through only if its
// Authorization header holds a valid bearer token, and stores the
// token's verified claims in c.Locals, where Claims reads them:
//
//	app := fiber.New()
//	api := app.Group("/api", m2mfiber.New(v))
//	api.Get("/messages", m2mfiber.RequireScopes("read:messages"), list)
//
// It reads the header from fasthttp directly, with no net/http shim.
// fasthttp hands out strings that alias buffers it reuses once the
// handler returns; the middleware keeps none of them (the validator
// copies the tokens it caches), and the claims it stores are its own.
//
// # Errors and fiber's ErrorHandler
//
// By default a refused request is answered by the middleware itself,
// with the RFC 6750 answer core.ResponseFor describes, as every adapter
// of m2mauth does; it returns nil, so the application's ErrorHandler is
// not involved. To let the application's fiber.Config.ErrorHandler
// answer instead, pass WithErrorHandler(ForwardError): the middleware
// then sets the WWW-Authenticate challenge and returns an *Error, which
// unwraps to a *fiber.Error carrying the status (so fiber's default
// ErrorHandler answers with the right code) and to the
// *m2mauth.AuthenticationError.
package m2mfiber
