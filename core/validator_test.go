package core_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

func TestClaimsOfAnAuth0Token(t *testing.T) {
	ten, v := setup(t, nil)
	claims := ten.M2MClaims("svc-orders", audience, "read:messages", "write:messages")
	claims["permissions"] = []string{"delete:messages"}
	claims["https://example.com/tier"] = "gold"
	claims["jti"] = "id-1"
	tok := ten.Sign(claims)

	c, err := v.Validate(bg, tok)
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if c.Issuer != ten.Issuer() || c.Subject != "svc-orders@clients" || c.ClientID != "svc-orders" ||
		c.AuthorizedParty != "svc-orders" || c.GrantType != "client-credentials" || c.ID != "id-1" {
		t.Errorf("got claims %+v", c)
	}
	if len(c.Audience) != 1 || c.Audience[0] != audience {
		t.Errorf("got audience %q, want [%q]", c.Audience, audience)
	}
	if strings.Join(c.Scopes, " ") != "read:messages write:messages" {
		t.Errorf("got scopes %q", c.Scopes)
	}
	for _, s := range []string{"read:messages", "write:messages", "delete:messages"} {
		if !c.HasScope(s) {
			t.Errorf("HasScope(%q) = false, want true", s)
		}
	}
	if c.HasScope("read") || c.HasScope("messages") {
		t.Error("HasScope matched part of a scope")
	}
	if got, want := c.ExpiresAt.Unix(), claims["exp"].(int64); got != want {
		t.Errorf("got exp %d, want %d", got, want)
	}
	if got, want := c.IssuedAt.Unix(), claims["iat"].(int64); got != want {
		t.Errorf("got iat %d, want %d", got, want)
	}
	var custom struct {
		Tier string `json:"https://example.com/tier"`
	}
	if err := c.Decode(&custom); err != nil || custom.Tier != "gold" {
		t.Errorf("Decode: tier %q, err %v", custom.Tier, err)
	}
	if raw, ok := c.Claim("https://example.com/tier"); !ok || string(raw) != `"gold"` {
		t.Errorf("Claim: got %s, %v", raw, ok)
	}
	if _, ok := c.Claim("nope"); ok {
		t.Error("Claim of an absent claim reported found")
	}
}

func TestClientIDFallsBackToSubject(t *testing.T) {
	ten, v := setup(t, nil)
	claims := ten.M2MClaims("svc-a", audience)
	delete(claims, "azp")
	c, err := v.Validate(bg, ten.Sign(claims))
	if err != nil {
		t.Fatal(err)
	}
	if c.ClientID != "svc-a" {
		t.Errorf("got client id %q, want svc-a", c.ClientID)
	}
}

func TestSeveralAudiences(t *testing.T) {
	ten, v := setup(t, func(c *core.Config) { c.Audience = []string{"https://a", "https://b"} })
	for _, aud := range []string{"https://a", "https://b"} {
		if _, err := v.Validate(bg, ten.Token(aud)); err != nil {
			t.Errorf("audience %s: %v", aud, err)
		}
	}
	if _, err := v.Validate(bg, ten.Token("https://c")); !errors.Is(err, m2mauth.ErrAudienceInvalid) {
		t.Errorf("got %v, want ErrAudienceInvalid", err)
	}
}

func TestRequiredScopesAndCustomCheck(t *testing.T) {
	errBanned := errors.New("client is banned")
	ten, v := setup(t, func(c *core.Config) {
		c.RequiredScopes = []string{"read:messages"}
		c.ValidateClaims = func(_ context.Context, cl *core.Claims) error {
			if cl.ClientID == "banned" {
				return errBanned
			}
			return nil
		}
	})
	if _, err := v.Validate(bg, ten.Token(audience, "read:messages")); err != nil {
		t.Errorf("scoped token: %v", err)
	}
	_, err := v.Validate(bg, ten.Token(audience, "write:messages"))
	if !errors.Is(err, m2mauth.ErrInsufficientScope) {
		t.Errorf("got %v, want ErrInsufficientScope", err)
	}
	rbac := ten.M2MClaims("c", audience)
	rbac["permissions"] = []string{"read:messages"}
	if _, err := v.Validate(bg, ten.Sign(rbac)); err != nil {
		t.Errorf("scope granted as an RBAC permission: %v", err)
	}
	banned := ten.Sign(ten.M2MClaims("banned", audience, "read:messages"))
	for range 2 { // the second answer comes from the cache
		_, err = v.Validate(bg, banned)
		if !errors.Is(err, m2mauth.ErrClaimsInvalid) || !errors.Is(err, errBanned) {
			t.Errorf("got %v, want ErrClaimsInvalid wrapping the hook's error", err)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  core.Config
		want error
	}{
		{"no domain", core.Config{Audience: []string{"a"}}, m2mauth.ErrMissingDomain},
		{"no audience", core.Config{Domain: "example.auth0.com"}, m2mauth.ErrMissingAudience},
		{"empty audience", core.Config{Domain: "example.auth0.com", Audience: []string{""}}, m2mauth.ErrMissingAudience},
	}
	for _, tt := range tests {
		if _, err := core.New(tt.cfg); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
	for _, cfg := range []core.Config{
		{Domain: "http://example.auth0.com", Audience: []string{"a"}},
		{Domain: "example.auth0.com", Audience: []string{"a"}, Algorithms: []string{"HS256"}},
		{Domain: "example.auth0.com", Audience: []string{"a"}, Algorithms: []string{"none"}},
	} {
		if _, err := core.New(cfg); err == nil {
			t.Errorf("core.New(%+v) succeeded, want an error", cfg)
		}
	}
	v, err := core.New(core.Config{Domain: "example.eu.auth0.com", Audience: []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if v.Issuer() != "https://example.eu.auth0.com/" {
		t.Errorf("got issuer %q", v.Issuer())
	}
}

func TestOtherAlgorithmsWhenConfigured(t *testing.T) {
	ten, v := setup(t, func(c *core.Config) { c.Algorithms = []string{"RS256", "PS256"} })
	tok := ten.Token(audience)
	if _, err := v.Validate(bg, tok); err != nil {
		t.Fatalf("RS256: %v", err)
	}
	ps := signPS256(ten.SigningKey(), ten.M2MClaims("c", audience))
	if _, err := v.Validate(bg, ps); err != nil {
		t.Fatalf("PS256: %v", err)
	}
}

func TestKeyRotation(t *testing.T) {
	clk := newClock()
	var removed atomic.Int64
	ten, v := setup(t, func(c *core.Config) {
		c.Now = clk.Now
		c.Hooks.CacheEvicted = func(n int) { removed.Add(int64(n)) }
	})
	old := ten.Token(audience)
	if _, err := v.Validate(bg, old); err != nil {
		t.Fatal(err)
	}

	// Auth0 publishes the next key before signing with it; a token under a
	// kid we have not seen makes us refetch once the interval has passed.
	ten.RotateKey()
	fresh := ten.Token(audience)
	clk.Advance(core.DefaultKeyRefetchInterval)
	if _, err := v.Validate(bg, fresh); err != nil {
		t.Fatalf("token under the new key: %v", err)
	}
	if _, err := v.Validate(bg, old); err != nil {
		t.Fatalf("token under the old, still published key: %v", err)
	}

	// Revoking the old key must drop its verified tokens from the cache at
	// the next refresh.
	ten.RevokeKey(ten.Keys()[1].ID)
	clk.Advance(core.DefaultKeyRefreshInterval)
	v.Validate(bg, fresh) // triggers the refresh in the background
	waitFor(t, func() bool { return removed.Load() > 0 })
	if _, err := v.Validate(bg, old); !errors.Is(err, m2mauth.ErrKeyUnknown) {
		t.Fatalf("token under a revoked key: got %v, want ErrKeyUnknown", err)
	}
	if _, err := v.Validate(bg, fresh); err != nil {
		t.Fatalf("token under the new key after revocation: %v", err)
	}
}

func TestJWKSOutageAfterKeysAreCached(t *testing.T) {
	clk := newClock()
	var failures atomic.Int64
	ten, v := setup(t, func(c *core.Config) {
		c.Now = clk.Now
		c.DisableCache = true
		c.Hooks.KeysFetched = func(f core.KeysFetch) {
			if f.Err != nil {
				failures.Add(1)
			}
		}
	})
	if _, err := v.Validate(bg, ten.Token(audience)); err != nil {
		t.Fatal(err)
	}
	ten.SetJWKSOutage(true)
	clk.Advance(core.DefaultKeyRefreshInterval + time.Second)
	for i := range 3 {
		if _, err := v.Validate(bg, ten.Token(audience)); err != nil {
			t.Fatalf("validation %d during the outage: %v", i, err)
		}
	}
	waitFor(t, func() bool { return failures.Load() == 1 })
	if n := ten.JWKSRequests(); n != 2 {
		t.Errorf("got %d key set requests, want 2 (the first fetch and one refresh)", n)
	}
}

func TestJWKSOutageWithNoKeys(t *testing.T) {
	ten, v := setup(t, nil)
	ten.SetJWKSOutage(true)
	_, err := v.Validate(bg, ten.Token(audience))
	if !errors.Is(err, m2mauth.ErrKeysUnavailable) {
		t.Fatalf("got %v, want ErrKeysUnavailable", err)
	}
	if got := core.ResponseFor(err).Status; got != http.StatusServiceUnavailable {
		t.Errorf("got status %d, want 503", got)
	}
}

func TestUnknownKidFloodIsRateLimited(t *testing.T) {
	clk := newClock()
	ten, v := setup(t, func(c *core.Config) { c.Now = clk.Now })
	if _, err := v.Validate(bg, ten.Token(audience)); err != nil {
		t.Fatal(err)
	}
	claims := ten.M2MClaims("c", audience)
	evil := ten.NewUnpublishedKey()
	tok := auth0test.SignRS256(evil, nil, claims)
	for round := range 3 {
		var wg sync.WaitGroup
		for i := range 300 {
			wg.Go(func() {
				// The kid changes per request; the signature is never reached.
				h := `{"alg":"RS256","typ":"JWT","kid":"flood-` + itoa(round*1000+i) + `"}`
				forged := enc(h) + tok[strings.IndexByte(tok, '.'):]
				if _, err := v.Validate(bg, forged); !errors.Is(err, m2mauth.ErrKeyUnknown) {
					t.Errorf("got %v, want ErrKeyUnknown", err)
				}
			})
		}
		wg.Wait()
		clk.Advance(core.DefaultKeyRefetchInterval)
	}
	// One fetch on start, then at most one per refetch interval.
	if n := ten.JWKSRequests(); n > 4 {
		t.Errorf("got %d key set requests for 900 unknown kids over 3 intervals, want at most 4", n)
	}
}

func TestColdStartMakesOneFetch(t *testing.T) {
	ten, v := setup(t, nil)
	if n := validateAtOnce(v, ten.Token(audience), 500); n != 0 {
		t.Errorf("%d of 500 validations failed", n)
	}
	if n := ten.JWKSRequests(); n != 1 {
		t.Errorf("got %d key set requests, want 1", n)
	}
}

// TestColdStartNeverRefusesOnceKeysArrived starts many validators cold
// under concurrent requests. A request that found no keys, and then
// found no fetch running because one had just ended, was refused with
// keys_unavailable although the keys had arrived in between; about one
// run in thirty of TestColdStartMakesOneFetch showed it.
func TestColdStartNeverRefusesOnceKeysArrived(t *testing.T) {
	ten := auth0test.NewTenant()
	defer ten.Close()
	tok := ten.Token(audience)
	for round := range 40 {
		v, err := core.New(core.Config{
			Domain: ten.Domain(), Audience: []string{audience},
			Logger: quiet, DisableCache: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		n := validateAtOnce(v, tok, 40)
		v.Close()
		if n != 0 {
			t.Fatalf("round %d: %d of 40 cold validations failed", round, n)
		}
	}
}

// validateAtOnce validates tok from n goroutines at once and returns
// how many were refused.
func validateAtOnce(v *core.Validator, tok string, n int) int64 {
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range n {
		wg.Go(func() {
			if _, err := v.Validate(bg, tok); err != nil {
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	return failed.Load()
}

func TestCallerContextBoundsOnlyItsWait(t *testing.T) {
	ten, v := setup(t, nil)
	release := make(chan struct{})
	ten.SetJWKSHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		ten.SetJWKSHandler(nil)
		http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
	}))
	ctx, cancel := context.WithCancel(bg)
	cancel()
	_, err := v.Validate(ctx, ten.Token(audience))
	if !errors.Is(err, m2mauth.ErrKeysUnavailable) || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want ErrKeysUnavailable wrapping context.Canceled", err)
	}
	close(release)
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Replace(time.Duration(n).String(), "ns", "", 1))
}

func TestScopeSplitsAtSpacesOnly(t *testing.T) {
	ten, v := setup(t, nil)
	claims := ten.M2MClaims("c", audience)
	claims["scope"] = "read:messages\u00a0admin  write:messages\tdelete"
	c, err := v.Validate(bg, ten.Sign(claims))
	if err != nil {
		t.Fatal(err)
	}
	if c.HasScope("admin") || c.HasScope("delete") {
		t.Errorf("a Unicode or tab separator split a scope: %q", c.Scopes)
	}
	if !c.HasScope("read:messages\u00a0admin") || !c.HasScope("write:messages\tdelete") {
		t.Errorf("got scopes %q", c.Scopes)
	}
}
