package core_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// clockedSource returns a source on a settable clock for a tenant whose
// tokens live 100 s: renewal starts 50 s before expiry, and a token stops
// being handed out 10 s before it.
func clockedSource(t *testing.T, edit func(*core.TokenConfig)) (*auth0test.Tenant, *core.TokenSource, *tsClock, *fetchCounter) {
	t.Helper()
	ten := tokenTenant(t, 100)
	clock := &tsClock{now: time.Now()}
	c := &fetchCounter{}
	cfg := tokenConfig(t, ten.Domain())
	cfg.Now = clock.Now
	cfg.Hooks = c.hooks()
	if edit != nil {
		edit(&cfg)
	}
	return ten, newTokenSource(t, cfg), clock, c
}

func mustToken(t *testing.T, ts *core.TokenSource) core.Token {
	t.Helper()
	tok, err := ts.Token(context.Background())
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	return tok
}

func TestTokenSourceRenewsInBackground(t *testing.T) {
	_, ts, clock, c := clockedSource(t, nil)
	first := mustToken(t, ts)
	clock.Advance(55 * time.Second)
	if got := mustToken(t, ts); got.AccessToken != first.AccessToken {
		t.Fatal("got a new token at once, want the current one while renewing")
	}
	eventually(t, "the renewal", func() bool { return c.fetched.Load() == 2 })
	if got := mustToken(t, ts); got.AccessToken == first.AccessToken {
		t.Fatal("got the old token after the renewal")
	}
	if w, b := c.waited.Load(), c.background.Load(); w != 1 || b != 1 {
		t.Fatalf("got %d waits and %d background fetches, want 1 and 1", w, b)
	}
}

// A failed renewal never fails a caller who still has a valid token, and
// is tried again after a pause rather than on every call.
func TestTokenSourceFailedRenewalKeepsServing(t *testing.T) {
	ten, ts, clock, c := clockedSource(t, func(cfg *core.TokenConfig) { cfg.MaxAttempts = 1 })
	first := mustToken(t, ts)
	ten.ScriptToken(auth0test.TokenAnswer{Status: http.StatusInternalServerError})
	clock.Advance(55 * time.Second)
	mustToken(t, ts)
	eventually(t, "the failed renewal", func() bool { return c.failed.Load() == 1 })
	for range 10 {
		if got := mustToken(t, ts); got.AccessToken != first.AccessToken {
			t.Fatal("got another token, want the current one")
		}
	}
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2: no retry before the pause", n)
	}
	clock.Advance(11 * time.Second)
	mustToken(t, ts)
	eventually(t, "the second renewal", func() bool { return c.fetched.Load() == 3 })
	if got := mustToken(t, ts); got.AccessToken == first.AccessToken {
		t.Fatal("got the old token after a successful renewal")
	}
	if n := c.waited.Load(); n != 1 {
		t.Fatalf("got %d waits, want 1", n)
	}
}

func TestTokenSourceStaleTokenIsNotServed(t *testing.T) {
	_, ts, clock, c := clockedSource(t, nil)
	first := mustToken(t, ts)
	clock.Advance(91 * time.Second)
	if got := mustToken(t, ts); got.AccessToken == first.AccessToken {
		t.Fatal("got a token 9 s before its expiry, want a new one")
	}
	if n := c.waited.Load(); n != 2 {
		t.Fatalf("got %d waits, want 2", n)
	}
}

func TestTokenSourceMissingExpiresInGetsShortLife(t *testing.T) {
	ten := tokenTenant(t, -1)
	ts := newTokenSource(t, tokenConfig(t, ten.Domain()))
	tok := mustToken(t, ts)
	if got := tok.Expiry.Sub(tok.Obtained); got != core.DefaultTokenLifetime {
		t.Fatalf("got a life of %v, want %v", got, core.DefaultTokenLifetime)
	}
}

// Under steady load across several short token lives, once warm, no
// call waits: every renewal happens while the previous token serves.
func TestTokenSourceSteadyLoadNeverWaitsForRenewal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs across several two-second token lives")
	}
	ten := tokenTenant(t, 2)
	var c fetchCounter
	cfg := tokenConfig(t, ten.Domain())
	cfg.Hooks = c.hooks()
	ts := newTokenSource(t, cfg)
	mustToken(t, ts)
	c.waited.Store(0)

	var calls, failed, stale atomic.Int64
	stop := time.Now().Add(5 * time.Second)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for time.Now().Before(stop) {
				tok, err := ts.Token(context.Background())
				calls.Add(1)
				if err != nil {
					failed.Add(1)
				} else if !time.Now().Before(tok.Expiry) {
					stale.Add(1)
				}
				time.Sleep(time.Millisecond)
			}
		})
	}
	wg.Wait()
	if n := c.waited.Load(); n != 0 {
		t.Fatalf("got %d calls that waited for a fetch, want 0", n)
	}
	if n := c.background.Load(); n < 2 {
		t.Fatalf("got %d background renewals, want at least 2", n)
	}
	if f, s := failed.Load(), stale.Load(); f+s != 0 {
		t.Fatalf("got %d failures and %d expired tokens out of %d calls", f, s, calls.Load())
	}
}
