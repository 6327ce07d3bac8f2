package m2mecho

import (
	"github.com/labstack/echo/v4"

	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/authz"
)

// Keys of the echo.Context store, which takes only strings; the package
// path keeps them apart from the application's keys.
const (
	claimsKey       = "github.com/revup/m2mauth/adapters/m2mecho.claims"
	errorHandlerKey = "github.com/revup/m2mauth/adapters/m2mecho.errorHandler"
)

// New returns an echo middleware that authenticates requests with v. It
// panics if v is nil, a mistake made at setup.
func New(v *core.Validator, opts ...Option) echo.MiddlewareFunc {
	if v == nil {
		panic("m2mecho: New called with a nil validator")
	}
	m := &middleware{v: v}
	for _, opt := range opts {
		opt(&m.cfg)
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error { return m.serve(c, next) }
	}
}

type middleware struct {
	v   *core.Validator
	cfg config
}

func (m *middleware) serve(c echo.Context, next echo.HandlerFunc) error {
	if m.cfg.skip != nil && m.cfg.skip(c) {
		return next(c)
	}
	claims, err := m.cfg.rules.AuthorizeRequest(m.v, c.Request())
	if err != nil {
		return fail(c, m.cfg.onError, err)
	}
	if claims != nil {
		c.Set(claimsKey, claims)
	}
	if m.cfg.onError != nil {
		c.Set(errorHandlerKey, m.cfg.onError)
	}
	return next(c)
}

func fail(c echo.Context, h ErrorHandler, err error) error {
	if h == nil {
		h = HTTPError
	}
	return h(c, err)
}

// HTTPError is the default ErrorHandler. It sets the WWW-Authenticate
// challenge core.ResponseFor(err) gives on the response, and returns an
// *echo.HTTPError with that response's status as Code, the response
// itself as Message and err as Internal.
func HTTPError(c echo.Context, err error) error {
	resp := core.ResponseFor(err)
	if resp.Challenge != "" {
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, resp.Challenge)
	}
	return &echo.HTTPError{Code: resp.Status, Message: resp, Internal: err}
}

// Claims returns the verified claims New stored in c. It reports false
// for a request let through without a token.
func Claims(c echo.Context) (*core.Claims, bool) {
	claims, ok := c.Get(claimsKey).(*core.Claims)
	return claims, ok && claims != nil
}

// RequireScopes returns a middleware that lets a request through only if
// the claims an earlier New middleware verified grant all of scopes. A
// request without claims gets the answer to a missing token. Failures
// go to that middleware's ErrorHandler, or to HTTPError.
func RequireScopes(scopes ...string) echo.MiddlewareFunc {
	scopes = authz.Clone(scopes)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			claims, _ := Claims(c)
			if err := authz.RequireScopes(claims, scopes); err != nil {
				h, _ := c.Get(errorHandlerKey).(ErrorHandler)
				return fail(c, h, err)
			}
			return next(c)
		}
	}
}
