package m2mchi

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/core"
)

// Option configures the middleware New returns. It is m2mhttp's Option,
// so the options of both packages mix.
type Option = m2mhttp.Option

// New returns a chi middleware that authenticates requests with v, as
// m2mhttp.New does. It panics if v is nil.
func New(v *core.Validator, opts ...Option) func(http.Handler) http.Handler {
	return m2mhttp.New(v, opts...)
}

// RequireScopes returns a middleware for r.With or r.Use that lets a
// request through only if the claims an earlier New middleware verified
// grant all of scopes. Failures go to that middleware's ErrorHandler.
func RequireScopes(scopes ...string) func(http.Handler) http.Handler {
	return m2mhttp.RequireScopes(scopes...)
}

// Claims returns the verified claims New put in the request context. It
// reports false for a request let through without a token.
func Claims(ctx context.Context) (*core.Claims, bool) {
	return m2mhttp.ClaimsFrom(ctx)
}

// WithOptional lets requests without an Authorization header through
// without claims; a header that is present must hold a valid token.
func WithOptional() Option { return m2mhttp.WithOptional() }

// WithScopes requires every token to grant all of scopes.
func WithScopes(scopes ...string) Option { return m2mhttp.WithScopes(scopes...) }

// WithSkip lets the requests for which skip returns true through
// unauthenticated and without claims.
func WithSkip(skip func(r *http.Request) bool) Option { return m2mhttp.WithSkip(skip) }

// ErrorHandler answers a refused request. route is the chi pattern the
// request matches, such as "/orders/{id}", or "" if none does; err is an
// *m2mauth.AuthenticationError.
type ErrorHandler func(w http.ResponseWriter, r *http.Request, route string, err error)

// WithErrorHandler replaces the default RFC 6750 answer, m2mhttp's
// WriteError. RequireScopes middlewares behind this one use h as well.
func WithErrorHandler(h ErrorHandler) Option {
	return m2mhttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		h(w, r, RoutePattern(r), err)
	})
}

// RoutePattern returns the chi pattern r matches, even from a middleware
// given to r.Use, which runs before chi has routed the request and so
// before chi.RouteContext knows the whole pattern.
func RoutePattern(r *http.Request) string {
	rctx := chi.RouteContext(r.Context())
	if rctx == nil {
		return r.Pattern
	}
	if rctx.Routes != nil {
		path := r.URL.RawPath
		if path == "" {
			path = r.URL.Path
		}
		// rctx.Routes is the root router even inside a mounted one, and
		// Find walks the mounts, so this is the whole pattern. It costs
		// a routing context, which only refused requests pay.
		if p := rctx.Routes.Find(chi.NewRouteContext(), r.Method, path); p != "" {
			return p
		}
	}
	return rctx.RoutePattern()
}
