package m2mgin

import (
	"github.com/gin-gonic/gin"

	"github.com/revup/m2mauth/internal/authz"
)

// ErrorHandler answers a refused request. err is an
// *m2mauth.AuthenticationError; core.ResponseFor(err) gives the answer
// RFC 6750 asks for. The request is already aborted when it runs.
type ErrorHandler func(c *gin.Context, err error)

// Option configures the middleware New returns.
type Option func(*config)

type config struct {
	rules   authz.Rules
	onError ErrorHandler
	skip    func(*gin.Context) bool
}

// WithErrorHandler replaces the default answer, WriteError. RequireScopes
// handlers behind this middleware use h as well.
func WithErrorHandler(h ErrorHandler) Option {
	return func(c *config) { c.onError = h }
}

// WithSkip lets the requests for which skip returns true through
// unauthenticated and without claims.
func WithSkip(skip func(c *gin.Context) bool) Option {
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
