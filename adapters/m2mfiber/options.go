package m2mfiber

import (
	"github.com/gofiber/fiber/v2"

	"github.com/revup/m2mauth/internal/authz"
)

// ErrorHandler answers a refused request. What it returns, the middleware
// returns: nil once it has written the answer, or an error for the
// application's fiber ErrorHandler. err is an
// *m2mauth.AuthenticationError. The next handler is not called either way.
type ErrorHandler func(c *fiber.Ctx, err error) error

// Option configures the handler New returns.
type Option func(*config)

type config struct {
	rules   authz.Rules
	onError ErrorHandler
	skip    func(*fiber.Ctx) bool
}

// WithErrorHandler replaces the default, WriteError. ForwardError hands
// refusals to the application's ErrorHandler instead. RequireScopes
// handlers behind this middleware use h as well.
func WithErrorHandler(h ErrorHandler) Option {
	return func(c *config) { c.onError = h }
}

// WithSkip lets the requests for which skip returns true through
// unauthenticated and without claims, like the Next field of fiber's own
// middleware configs.
func WithSkip(skip func(c *fiber.Ctx) bool) Option {
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
