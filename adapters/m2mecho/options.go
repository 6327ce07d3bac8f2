package m2mecho

import (
	"github.com/labstack/echo/v4"

	"github.com/revup/m2mauth/internal/authz"
)

// ErrorHandler turns a refusal into what the middleware returns: an
// error for echo's HTTPErrorHandler, or nil once it has written the
// answer itself. err is an *m2mauth.AuthenticationError. The next
// handler is not called either way.
type ErrorHandler func(c echo.Context, err error) error

// Option configures the middleware New returns.
type Option func(*config)

type config struct {
	rules   authz.Rules
	onError ErrorHandler
	skip    func(echo.Context) bool
}

// WithErrorHandler replaces the default, HTTPError. RequireScopes
// middlewares behind this one use h as well.
func WithErrorHandler(h ErrorHandler) Option {
	return func(c *config) { c.onError = h }
}

// WithSkip lets the requests for which skip returns true through
// unauthenticated and without claims. An echo middleware.Skipper fits.
func WithSkip(skip func(c echo.Context) bool) Option {
	return func(c *config) { c.skip = skip }
}

// WithOptional lets requests without an Authorization header through
// without claims. A header that is present must still hold a valid
// token: an invalid one is refused, never ignored.
func WithOptional() Option {
	return func(c *config) { c.rules.Optional = true }
}

// WithScopes requires every token to grant all of scopes, in its scope
// claim or its permissions claim. A token that lacks one gets 403.
func WithScopes(scopes ...string) Option {
	scopes = authz.Clone(scopes)
	return func(c *config) { c.rules.Scopes = append(c.rules.Scopes, scopes...) }
}
