package authz_test

import (
	"context"
	"errors"
	"testing"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
	"github.com/revup/m2mauth/internal/authz"
)

func TestAuthorize(t *testing.T) {
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	v := adaptertest.NewValidator(t, ten)
	valid := adaptertest.Bearer(ten.Token(adaptertest.Audience, "read:messages"))

	tests := []struct {
		name   string
		rules  authz.Rules
		value  string
		count  int
		claims bool
		want   error
	}{
		{"valid", authz.Rules{}, valid, 1, true, nil},
		{"no header", authz.Rules{}, "", 0, false, m2mauth.ErrTokenMissing},
		{"no header, optional", authz.Rules{Optional: true}, "", 0, false, nil},
		{"empty header, optional", authz.Rules{Optional: true}, "", 1, false, m2mauth.ErrTokenMissing},
		{"invalid, optional", authz.Rules{Optional: true}, "Bearer x", 1, false, m2mauth.ErrTokenMalformed},
		{"two headers", authz.Rules{}, valid, 2, false, m2mauth.ErrTokenMalformed},
		{"scope granted", authz.Rules{Scopes: []string{"read:messages"}}, valid, 1, true, nil},
		{"scope missing", authz.Rules{Scopes: []string{"write:messages"}}, valid, 1, false, m2mauth.ErrInsufficientScope},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.rules.Authorize(context.Background(), v, tt.value, tt.count)
			if !errors.Is(err, tt.want) {
				t.Errorf("error: got %v, want %v", err, tt.want)
			}
			if (c != nil) != tt.claims {
				t.Errorf("claims: got %v, want present=%v", c, tt.claims)
			}
		})
	}
}

func TestRequireScopes(t *testing.T) {
	c := &core.Claims{Scopes: []string{"a"}, Permissions: []string{"b"}}
	tests := []struct {
		name   string
		claims *core.Claims
		scopes []string
		want   error
	}{
		{"no claims", nil, []string{"a"}, m2mauth.ErrTokenMissing},
		{"scope and permission", c, []string{"a", "b"}, nil},
		{"missing", c, []string{"a", "c"}, m2mauth.ErrInsufficientScope},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := authz.RequireScopes(tt.claims, tt.scopes)
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestClone(t *testing.T) {
	in := []string{"a", "b"}
	out := authz.Clone(in)
	in[0] = "z"
	if out[0] != "a" {
		t.Errorf("got %q, want %q", out[0], "a")
	}
	if cap(out) != len(out) {
		t.Errorf("cap: got %d, want %d, so that appending copies", cap(out), len(out))
	}
}
