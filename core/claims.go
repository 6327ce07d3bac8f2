package core

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/internal/jsonscan"
)

// Claims are the verified claims of an access token. A *Claims returned
// by a Validator may be shared by concurrent requests presenting the same
// token: treat it as read-only.
type Claims struct {
	Issuer   string
	Subject  string
	Audience []string
	// AuthorizedParty is azp, the client the token was issued to.
	AuthorizedParty string
	// ClientID is azp, or RFC 9068's client_id, or sub without Auth0's
	// "@clients" suffix, whichever comes first.
	ClientID string
	// GrantType is Auth0's gty, "client-credentials" for M2M tokens.
	GrantType string
	// Scopes is the space-delimited scope claim, split.
	Scopes []string
	// Permissions is Auth0's RBAC permissions claim.
	Permissions []string
	ID          string
	ExpiresAt   time.Time
	IssuedAt    time.Time
	NotBefore   time.Time

	payload []byte
}

// HasScope reports whether scope is granted, in the scope claim or in the
// permissions claim. The match is exact.
func (c *Claims) HasScope(scope string) bool {
	return slices.Contains(c.Scopes, scope) || slices.Contains(c.Permissions, scope)
}

// MissingScopes returns the scopes in required that c does not grant.
func (c *Claims) MissingScopes(required []string) []string {
	var missing []string
	for _, s := range required {
		if !c.HasScope(s) {
			missing = append(missing, s)
		}
	}
	return missing
}

// RequireScopes returns an *m2mauth.AuthenticationError with reason
// insufficient_scope unless c grants every scope in required.
func (c *Claims) RequireScopes(required ...string) error {
	missing := c.MissingScopes(required)
	if len(missing) == 0 {
		return nil
	}
	return m2mauth.NewAuthenticationError(m2mauth.ReasonInsufficientScope,
		"missing "+strings.Join(missing, " "))
}

// Decode unmarshals the whole claims set into v, for custom claims. The
// claims were already checked for duplicate names and valid UTF-8.
func (c *Claims) Decode(v any) error {
	return json.Unmarshal(c.payload, v)
}

// Claim returns the raw JSON of the claim called name.
func (c *Claims) Claim(name string) (json.RawMessage, bool) {
	var found json.RawMessage
	d := jsonscan.New(c.payload)
	d.Object(func(n []byte) error {
		if found != nil || string(n) != name {
			return nil
		}
		raw, err := d.Raw()
		found = raw
		return err
	})
	return found, found != nil
}

type claimsKey struct{}

// NewContext returns a copy of ctx that carries c. Adapters built on
// net/http use it, so that claims set by one are read by all.
func NewContext(ctx context.Context, c *Claims) context.Context {
	return context.WithValue(ctx, claimsKey{}, c)
}

// FromContext returns the claims NewContext put in ctx.
func FromContext(ctx context.Context) (*Claims, bool) {
	c, ok := ctx.Value(claimsKey{}).(*Claims)
	return c, ok && c != nil
}
