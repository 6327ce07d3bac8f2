package core_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

func TestTokenSourceRefusesIncompleteConfig(t *testing.T) {
	ten := tokenTenant(t, 0)
	type row struct {
		name string
		edit func(*core.TokenConfig)
		want error
	}
	for _, tc := range []row{
		{"domain", func(c *core.TokenConfig) { c.Domain = "" }, m2mauth.ErrMissingDomain},
		{"client id", func(c *core.TokenConfig) { c.ClientID = " " }, m2mauth.ErrMissingClientID},
		{"secret", func(c *core.TokenConfig) { c.ClientSecret = "" }, m2mauth.ErrMissingClientSecret},
		{"audience", func(c *core.TokenConfig) { c.Audience = "" }, m2mauth.ErrMissingAudience},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tokenConfig(t, ten.Domain())
			tc.edit(&cfg)
			_, err := core.NewTokenSource(cfg)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	if n := ten.TokenRequests(); n != 0 {
		t.Fatalf("got %d token requests, want 0", n)
	}
}

func TestTokenSourceRefusesPlainHTTPToRemoteTenant(t *testing.T) {
	cfg := tokenConfig(t, "http://tenant.example.com")
	if _, err := core.NewTokenSource(cfg); err == nil {
		t.Fatal("got a source for a plain-http remote tenant, want an error")
	}
}

// The token a source hands out is a real Auth0-shaped token that the
// inbound validator of the same tenant accepts.
func TestTokenSourceTokenValidates(t *testing.T) {
	ten := tokenTenant(t, 0)
	cfg := tokenConfig(t, ten.Domain())
	cfg.Scopes = []string{"write", "read", "read"}
	ts := newTokenSource(t, cfg)
	tok, err := ts.Token(context.Background())
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	v, err := core.New(core.Config{Domain: ten.Domain(), Audience: []string{tsAudience}})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	claims, err := v.Validate(context.Background(), tok.AccessToken)
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if claims.ClientID != tsClientID || !claims.HasScope("read") || !claims.HasScope("write") {
		t.Fatalf("got client %q scopes %v, want %q with read and write", claims.ClientID, claims.Scopes, tsClientID)
	}
	if got := ten.TokenRequestLog()[0].Scope; got != "read write" {
		t.Fatalf("got scope parameter %q, want %q", got, "read write")
	}
	if got := ts.Key().Scope; got != "read write" {
		t.Fatalf("got key scope %q, want %q", got, "read write")
	}
}

func TestTokenSourceColdStartMakesOneRequest(t *testing.T) {
	ten := tokenTenant(t, 0)
	ten.ScriptToken(auth0test.TokenAnswer{Delay: 50 * time.Millisecond})
	ts := newTokenSource(t, tokenConfig(t, ten.Domain()))
	const callers = 1000
	tokens := make([]string, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			tok, err := ts.Token(context.Background())
			tokens[i], errs[i] = tok.AccessToken, err
		})
	}
	wg.Wait()
	for i := range callers {
		if errs[i] != nil || tokens[i] != tokens[0] {
			t.Fatalf("caller %d: got error %v or a different token", i, errs[i])
		}
	}
	if n := ten.TokenRequests(); n != 1 {
		t.Fatalf("got %d token requests, want 1", n)
	}
}

func TestTokenSourceTwoAudiencesGetTwoTokens(t *testing.T) {
	ten := tokenTenant(t, 0)
	store := core.NewMemoryStore()
	cfg := tokenConfig(t, ten.Domain())
	cfg.Store = store
	orders := newTokenSource(t, cfg)
	cfg.Audience = tsOther
	billing := newTokenSource(t, cfg)
	a, err := orders.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := billing.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a.AccessToken == b.AccessToken {
		t.Fatal("got one token for two audiences, want two")
	}
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2", n)
	}
	for i, want := range []string{tsAudience, tsOther} {
		if got := ten.TokenRequestLog()[i].Audience; got != want {
			t.Fatalf("request %d: got audience %q, want %q", i, got, want)
		}
	}
}

// A second source with the same key and store finds the first one's
// token in the store and asks Auth0 for nothing.
func TestTokenSourceSharesTokensThroughStore(t *testing.T) {
	ten := tokenTenant(t, 0)
	var c fetchCounter
	cfg := tokenConfig(t, ten.Domain())
	cfg.Store = core.NewMemoryStore()
	cfg.Hooks = c.hooks()
	first, second := newTokenSource(t, cfg), newTokenSource(t, cfg)
	a, err := first.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := second.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a.AccessToken != b.AccessToken {
		t.Fatal("got two tokens, want the stored one reused")
	}
	if n := ten.TokenRequests(); n != 1 {
		t.Fatalf("got %d token requests, want 1", n)
	}
}

// A source given the wrong secret for a client whose token another
// source holds in the shared store must not get that token: Auth0 is
// asked, and refuses.
func TestTokenSourceWithWrongSecretGetsNoStoredToken(t *testing.T) {
	ten := tokenTenant(t, 0)
	cfg := tokenConfig(t, ten.Domain())
	cfg.Store = core.NewMemoryStore()
	right := newTokenSource(t, cfg)
	if _, err := right.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	cfg.ClientSecret = "not-" + tsSecret
	wrong := newTokenSource(t, cfg)
	if right.Key() == wrong.Key() {
		t.Fatal("two secrets share a token key")
	}
	tok, err := wrong.Token(context.Background())
	var te *m2mauth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusUnauthorized {
		t.Fatalf("got %v (token found: %t), want Auth0's 401 for a wrong secret", err, tok.AccessToken != "")
	}
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2", n)
	}
	if strings.Contains(wrong.Key().String(), tsSecret) {
		t.Fatal("the token key holds the secret")
	}
}

func TestTokenSourceBasicAuthentication(t *testing.T) {
	ten := auth0test.NewTenant()
	defer ten.Close()
	const secret = "a:b%c+d&e=f " + tsSecret
	ten.AddClient(auth0test.Client{ID: tsClientID, Secret: secret,
		Grants: map[string][]string{tsAudience: nil}})
	cfg := tokenConfig(t, ten.Domain())
	cfg.ClientSecret = secret
	cfg.AuthStyle = core.AuthInHeader
	ts := newTokenSource(t, cfg)
	if _, err := ts.Token(context.Background()); err != nil {
		t.Fatalf("Token: %v", err)
	}
	if got := ten.TokenRequestLog()[0].AuthMethod; got != "client_secret_basic" {
		t.Fatalf("got %q, want client_secret_basic", got)
	}
}

func TestTokenSourceInvalidateRefetchesOnce(t *testing.T) {
	ten := tokenTenant(t, 0)
	var c fetchCounter
	cfg := tokenConfig(t, ten.Domain())
	cfg.Hooks = c.hooks()
	ts := newTokenSource(t, cfg)
	old, err := ts.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var dropped sync.Map
	for i := range 50 {
		wg.Go(func() {
			dropped.Store(i, ts.Invalidate(old.AccessToken))
			if _, err := ts.Token(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	n := 0
	dropped.Range(func(_, v any) bool {
		if v.(bool) {
			n++
		}
		return true
	})
	if n != 1 {
		t.Fatalf("got %d invalidations, want 1", n)
	}
	if got := ten.TokenRequests(); got != 2 {
		t.Fatalf("got %d token requests, want 2", got)
	}
	fresh, _ := ts.Token(context.Background())
	if fresh.AccessToken == old.AccessToken {
		t.Fatal("got the invalidated token again")
	}
	// A second refusal within InvalidateInterval is not honoured.
	if ts.Invalidate(fresh.AccessToken) {
		t.Fatal("got a second invalidation within the interval")
	}
}

func TestTokenSourceCloseStopsFetching(t *testing.T) {
	ten := tokenTenant(t, 0)
	ts := newTokenSource(t, tokenConfig(t, ten.Domain()))
	ts.Close()
	if _, err := ts.Token(context.Background()); err == nil {
		t.Fatal("got a token from a closed source with none held, want an error")
	}
	if n := ten.TokenRequests(); n != 0 {
		t.Fatalf("got %d token requests, want 0", n)
	}
}
