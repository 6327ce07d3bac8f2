package m2mfiber

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/authz"
)

// Keys of c.Locals. Unexported types, so that no other package can
// overwrite the claims by accident.
type (
	claimsKey       struct{}
	errorHandlerKey struct{}
)

// New returns a fiber handler that authenticates requests with v. It
// panics if v is nil, a mistake made at setup.
func New(v *core.Validator, opts ...Option) fiber.Handler {
	if v == nil {
		panic("m2mfiber: New called with a nil validator")
	}
	m := &middleware{v: v}
	for _, opt := range opts {
		opt(&m.cfg)
	}
	return m.handle
}

type middleware struct {
	v   *core.Validator
	cfg config
}

func (m *middleware) handle(c *fiber.Ctx) error {
	if m.cfg.skip != nil && m.cfg.skip(c) {
		return c.Next()
	}
	// One lookup gives both the count and the first value: each of
	// fasthttp's lookups normalizes the name again and scans every
	// header, a measurable part of a cached request.
	values := c.Request().Header.PeekAll(fiber.HeaderAuthorization)
	value := ""
	if len(values) > 0 {
		// It aliases fasthttp's buffer, as c.Get's answer does; nothing
		// below keeps it (the token cache stores a copy).
		value = utils.UnsafeString(values[0])
	}
	claims, err := m.cfg.rules.Authorize(c.UserContext(), m.v, value, len(values))
	if err != nil {
		return fail(c, m.cfg.onError, err)
	}
	if claims != nil {
		c.Locals(claimsKey{}, claims)
	}
	if m.cfg.onError != nil {
		c.Locals(errorHandlerKey{}, m.cfg.onError)
	}
	return c.Next()
}

func fail(c *fiber.Ctx, h ErrorHandler, err error) error {
	if h == nil {
		h = WriteError
	}
	return h(c, err)
}

// Claims returns the verified claims New stored in c.Locals. It reports
// false for a request let through without a token.
func Claims(c *fiber.Ctx) (*core.Claims, bool) {
	claims, ok := c.Locals(claimsKey{}).(*core.Claims)
	return claims, ok && claims != nil
}

// RequireScopes returns a handler that lets a request through only if
// the claims an earlier New middleware verified grant all of scopes. A
// request without claims gets the answer to a missing token. Failures go
// to that middleware's ErrorHandler, or to WriteError.
func RequireScopes(scopes ...string) fiber.Handler {
	scopes = authz.Clone(scopes)
	return func(c *fiber.Ctx) error {
		claims, _ := Claims(c)
		if err := authz.RequireScopes(claims, scopes); err != nil {
			h, _ := c.Locals(errorHandlerKey{}).(ErrorHandler)
			return fail(c, h, err)
		}
		return c.Next()
	}
}
