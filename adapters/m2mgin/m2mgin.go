package m2mgin

import (
	"github.com/gin-gonic/gin"

	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/authz"
)

// Keys of the gin context. Unexported types, so that no other package
// can overwrite the claims by accident.
type (
	claimsKey       struct{}
	errorHandlerKey struct{}
)

// New returns a gin middleware that authenticates requests with v. It
// panics if v is nil, a mistake made at setup.
func New(v *core.Validator, opts ...Option) gin.HandlerFunc {
	if v == nil {
		panic("m2mgin: New called with a nil validator")
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

func (m *middleware) handle(c *gin.Context) {
	if m.cfg.skip != nil && m.cfg.skip(c) {
		return
	}
	claims, err := m.cfg.rules.AuthorizeRequest(m.v, c.Request)
	if err != nil {
		fail(c, m.cfg.onError, err)
		return
	}
	if claims != nil {
		c.Set(claimsKey{}, claims)
	}
	if m.cfg.onError != nil {
		c.Set(errorHandlerKey{}, m.cfg.onError)
	}
}

// fail aborts before rendering, so that no handler behind the middleware
// runs even if h calls c.Next.
func fail(c *gin.Context, h ErrorHandler, err error) {
	c.Abort()
	c.Error(err)
	if h == nil {
		h = WriteError
	}
	h(c, err)
}

// WriteError is the default ErrorHandler: it writes the RFC 6750 answer
// core.ResponseFor(err) describes, with its WWW-Authenticate challenge
// and its JSON body.
func WriteError(c *gin.Context, err error) {
	resp := core.ResponseFor(err)
	if resp.Challenge != "" {
		c.Header("WWW-Authenticate", resp.Challenge)
	}
	c.Data(resp.Status, "application/json", resp.JSON())
}

// Claims returns the verified claims New stored in c. It reports false
// for a request let through without a token.
func Claims(c *gin.Context) (*core.Claims, bool) {
	v, _ := c.Get(claimsKey{})
	claims, ok := v.(*core.Claims)
	return claims, ok && claims != nil
}

// RequireScopes returns a handler that lets a request continue only if
// the claims an earlier New middleware verified grant all of scopes. A
// request without claims gets the answer to a missing token. Failures
// are rendered by that middleware's ErrorHandler, or by WriteError.
func RequireScopes(scopes ...string) gin.HandlerFunc {
	scopes = authz.Clone(scopes)
	return func(c *gin.Context) {
		claims, _ := Claims(c)
		if err := authz.RequireScopes(claims, scopes); err != nil {
			v, _ := c.Get(errorHandlerKey{})
			h, _ := v.(ErrorHandler)
			fail(c, h, err)
		}
	}
}
