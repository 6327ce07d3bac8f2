package m2mhttp

import (
	"net/http"

	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/authz"
)

// errorHandlerKey carries a custom ErrorHandler from New to the
// RequireScopes middlewares behind it. It is set only when the user gave
// one, so the default path pays no extra allocation.
type errorHandlerKey struct{}

// RequireScopes returns a middleware that lets a request through only if
// the claims an earlier New middleware verified grant all of scopes. A
// request without claims, skipped or let through by WithOptional, gets
// the answer to a missing token. Failures are rendered by the earlier
// middleware's ErrorHandler, or by WriteError.
func RequireScopes(scopes ...string) func(http.Handler) http.Handler {
	scopes = authz.Clone(scopes)
	return func(next http.Handler) http.Handler {
		return &scopeCheck{scopes: scopes, next: next}
	}
}

type scopeCheck struct {
	scopes []string
	next   http.Handler
}

func (s *scopeCheck) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	claims, _ := core.FromContext(r.Context())
	if err := authz.RequireScopes(claims, s.scopes); err != nil {
		if h, ok := r.Context().Value(errorHandlerKey{}).(ErrorHandler); ok {
			h(w, r, err)
			return
		}
		WriteError(w, r, err)
		return
	}
	s.next.ServeHTTP(w, r)
}
