package adaptertest

import (
	"testing"

	"github.com/revup/m2mauth/core"
)

// The routes a Start function serves, and what the table expects of them.
const (
	// PublicPath answers 200 without authentication.
	PublicPath = "/public"
	// PrivatePath requires a valid token and answers 200 with the
	// claims' Identity as JSON.
	PrivatePath = "/private"
	// ScopedPath requires a valid token granting Scope, and answers like
	// PrivatePath.
	ScopedPath = "/scoped"
	// Scope is the scope ScopedPath requires.
	Scope = "read:messages"
	// Audience is the audience the Validator handed to Start accepts.
	Audience = "https://api.adaptertest.example"
)

// Start serves PublicPath, PrivatePath and ScopedPath, authenticated
// with v, on a loopback address, and returns its base URL. It stops the
// server through t.Cleanup.
type Start func(t *testing.T, v *core.Validator) (baseURL string)

// Identity is what PrivatePath and ScopedPath answer, read from the
// claims through the adapter's typed accessor.
type Identity struct {
	ClientID    string   `json:"client_id"`
	Scopes      []string `json:"scopes"`
	Permissions []string `json:"permissions"`
}

// IdentityOf returns the Identity of c.
func IdentityOf(c *core.Claims) Identity {
	return Identity{ClientID: c.ClientID, Scopes: c.Scopes, Permissions: c.Permissions}
}
