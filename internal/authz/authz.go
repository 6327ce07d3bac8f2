package authz

import (
	"context"
	"net/http"
	"slices"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// Rules are the per-middleware settings an adapter's options set. The
// zero value requires a valid token and no scope.
type Rules struct {
	// Optional lets a request with no Authorization header through
	// without claims. A header that is present is always validated.
	Optional bool
	// Scopes must all be granted once the token is valid.
	Scopes []string
}

// Authorize validates the Authorization header of a request that carried
// it count times, value being the first. It returns nil claims and a nil
// error when the rules let a request without a token through.
func (r *Rules) Authorize(ctx context.Context, v *core.Validator, value string, count int) (*core.Claims, error) {
	switch {
	case count > 1:
		// Two headers could be read differently by a proxy and by us,
		// so neither is trusted (RFC 9110 5.3 forbids repeating a
		// header that is not a list, and Authorization is not one).
		return nil, m2mauth.NewAuthenticationError(m2mauth.ReasonMalformed,
			"more than one authorization header")
	case count == 0 && r.Optional:
		return nil, nil
	}
	c, err := v.ValidateAuthorization(ctx, value)
	if err != nil {
		return nil, err
	}
	if len(r.Scopes) > 0 {
		if err := c.RequireScopes(r.Scopes...); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// AuthorizeRequest is Authorize for a net/http request: the Authorization
// header and the request's context.
func (r *Rules) AuthorizeRequest(v *core.Validator, req *http.Request) (*core.Claims, error) {
	// Indexed, not Values(): the key is canonical already, and
	// canonicalizing it again is a measurable part of a cached request.
	values := req.Header["Authorization"]
	value := ""
	if len(values) > 0 {
		value = values[0]
	}
	return r.Authorize(req.Context(), v, value, len(values))
}

// RequireScopes checks claims set by an earlier middleware. Without
// claims, the route is answered as if no token had been sent: the
// request either skipped authentication or was let through by Optional.
func RequireScopes(c *core.Claims, scopes []string) error {
	if c == nil {
		return m2mauth.NewAuthenticationError(m2mauth.ReasonMissingToken, "")
	}
	return c.RequireScopes(scopes...)
}

// Clone copies scopes given to an option, so that a caller reusing its
// slice cannot change a middleware already built.
func Clone(scopes []string) []string {
	return slices.Clip(slices.Clone(scopes))
}
