package core_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/internal/attacks"
)

// TestAttackTable runs every hostile and broken token against the core.
func TestAttackTable(t *testing.T) {
	ten, v := setup(t, nil)
	suite := attacks.New(ten, audience)
	defer suite.Close()
	if len(suite.Cases) < 60 {
		t.Fatalf("attack table has %d cases, want at least 60", len(suite.Cases))
	}
	for _, tc := range suite.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			claims, err := v.ValidateAuthorization(bg, tc.Authorization)
			if tc.Reason == "" {
				if err != nil {
					t.Fatalf("got error %v, want acceptance", err)
				}
				if claims.ClientID != "attack-client" {
					t.Fatalf("got client %q, want attack-client", claims.ClientID)
				}
				return
			}
			var ae *m2mauth.AuthenticationError
			if !errors.As(err, &ae) {
				t.Fatalf("got %v, want an *AuthenticationError with reason %s", err, tc.Reason)
			}
			if ae.Reason != tc.Reason {
				t.Fatalf("got reason %s (%v), want %s", ae.Reason, err, tc.Reason)
			}
			if !errors.Is(err, tc.Reason.Sentinel()) || !errors.Is(err, m2mauth.ErrAuthentication) {
				t.Fatalf("%v does not match its sentinels", err)
			}
			if tok := strings.TrimPrefix(tc.Authorization, "Bearer "); len(tok) > 20 && strings.Contains(err.Error(), tok) {
				t.Fatalf("error message contains the token")
			}
		})
	}
	if n := suite.AttackerRequests(); n != 0 {
		t.Errorf("hostile key server got %d requests, want 0: jku/x5u must never be followed", n)
	}
	if n := ten.JWKSRequests(); n > 2 {
		t.Errorf("tenant got %d key set requests, want at most 2 for the whole table", n)
	}
}
