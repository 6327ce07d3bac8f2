package m2mhttp

import (
	"context"
	"net/http"

	"github.com/revup/m2mauth/core"
)

// New returns a middleware that authenticates requests with v. It panics
// if v is nil, a mistake made at setup.
func New(v *core.Validator, opts ...Option) func(http.Handler) http.Handler {
	if v == nil {
		panic("m2mhttp: New called with a nil validator")
	}
	cfg := newConfig(opts)
	return func(next http.Handler) http.Handler {
		return &middleware{v: v, cfg: cfg, next: next}
	}
}

// middleware is a struct rather than a closure so that serving a request
// allocates nothing beyond the context it hands on.
type middleware struct {
	v    *core.Validator
	cfg  *config
	next http.Handler
}

func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m.cfg.skip != nil && m.cfg.skip(r) {
		m.next.ServeHTTP(w, r)
		return
	}
	claims, err := m.cfg.rules.AuthorizeRequest(m.v, r)
	if err != nil {
		m.fail(w, r, err)
		return
	}
	ctx := r.Context()
	if claims != nil {
		ctx = core.NewContext(ctx, claims)
	}
	if m.cfg.onError != nil {
		ctx = context.WithValue(ctx, errorHandlerKey{}, m.cfg.onError)
	}
	if ctx != r.Context() {
		r = r.WithContext(ctx)
	}
	m.next.ServeHTTP(w, r)
}

func (m *middleware) fail(w http.ResponseWriter, r *http.Request, err error) {
	if m.cfg.onError != nil {
		m.cfg.onError(w, r, err)
		return
	}
	WriteError(w, r, err)
}

// ClaimsFrom returns the verified claims New put in the request context.
// It reports false for a request let through without a token.
func ClaimsFrom(ctx context.Context) (*core.Claims, bool) {
	return core.FromContext(ctx)
}
