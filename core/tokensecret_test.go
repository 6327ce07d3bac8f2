package core_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// printAll renders v with every verb a user might log it with.
func printAll(v any) string {
	return fmt.Sprintf("%v|%+v|%#v|%s|%q", v, v, v, v, v)
}

// The client secret appears in no value of ours however it is printed,
// in no error and in no log line (tokenConfig checks the logs of every
// token test when it ends); the access token appears in none either.
func TestSecretNeverPrinted(t *testing.T) {
	ten := tokenTenant(t, 0)
	cfg := tokenConfig(t, ten.Domain())
	ts := newTokenSource(t, cfg)
	tok := mustToken(t, ts)
	o2, err := ts.OAuth2().Token()
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{
		"config":        cfg,
		"config ptr":    &cfg,
		"source":        ts,
		"oauth2 source": ts.OAuth2(),
		"token":         tok,
		"token ptr":     &tok,
		"store":         core.NewMemoryStore(),
	} {
		assertNoSecret(t, name, printAll(v))
	}
	if o2.AccessToken != tok.AccessToken {
		t.Fatal("got different tokens from Token and OAuth2().Token")
	}
	if got := fmt.Sprint(cfg); !strings.Contains(got, tsClientID) || !strings.Contains(got, "[redacted]") {
		t.Fatalf("got %q, want the client id and a redacted secret", got)
	}

	limited := auth0test.RateLimited(0, 0)
	for name, edit := range map[string]func(*core.TokenConfig){
		"refused":     func(c *core.TokenConfig) { c.Audience = "https://nope" },
		"unreachable": func(c *core.TokenConfig) { c.Domain = "http://127.0.0.1:1" },
		"limited":     func(c *core.TokenConfig) { c.Audience = tsOther; c.MaxAttempts = 2 },
	} {
		if name == "limited" {
			ten.SetTokenAnswer(&limited)
		}
		c := tokenConfig(t, ten.Domain())
		edit(&c)
		_, err := newTokenSource(t, c).Token(context.Background())
		if err == nil {
			t.Fatalf("%s: got no error", name)
		}
		assertNoSecret(t, name+" error", printAll(err))
	}
}
