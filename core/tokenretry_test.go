package core_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// callMany asks ts for a token from n goroutines at once and returns
// their errors.
func callMany(ts *core.TokenSource, n int) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[i] = ts.Token(context.Background())
		})
	}
	wg.Wait()
	return errs
}

// Callers arriving during a rate limit share one fetch, which makes one
// request per backoff step: not one per caller.
func TestTokenSourceRateLimitOneRequestPerStep(t *testing.T) {
	ten := tokenTenant(t, 0)
	limited := auth0test.RateLimited(0, 0)
	ten.ScriptToken(limited, limited, limited)
	var c fetchCounter
	cfg := tokenConfig(t, ten.Domain())
	cfg.Hooks = c.hooks()
	ts := newTokenSource(t, cfg)
	for i, err := range callMany(ts, 100) {
		if err != nil {
			t.Fatalf("caller %d: %v", i, err)
		}
	}
	if n := ten.TokenRequests(); n != 4 {
		t.Fatalf("got %d token requests, want 4 (3 limited, 1 granted)", n)
	}
	if n := c.retried.Load(); n != 3 {
		t.Fatalf("got %d retries, want 3", n)
	}
	if rl := c.retries[0].RateLimit; rl.Limit != 10 || rl.Remaining != 0 || rl.Reset.IsZero() {
		t.Fatalf("got rate limit %+v, want the tenant's headers", rl)
	}
}

func TestTokenSourceRateLimitExhausted(t *testing.T) {
	ten := tokenTenant(t, 0)
	limited := auth0test.RateLimited(0, 0)
	ten.SetTokenAnswer(&limited)
	// The first answer is slow, so that every caller joins the fetch
	// before it fails: one arriving after the failure would start another.
	slow := limited
	slow.Delay = 300 * time.Millisecond
	ten.ScriptToken(slow)
	cfg := tokenConfig(t, ten.Domain())
	cfg.MaxAttempts = 3
	ts := newTokenSource(t, cfg)
	errs := callMany(ts, 20)
	var rle *m2mauth.RateLimitError
	if !errors.As(errs[0], &rle) || !errors.Is(errs[0], m2mauth.ErrRateLimited) {
		t.Fatalf("got %v, want a *RateLimitError", errs[0])
	}
	if rle.Attempts != 3 || rle.Limit != 10 {
		t.Fatalf("got attempts %d limit %d, want 3 and 10", rle.Attempts, rle.Limit)
	}
	for i, err := range errs {
		if !errors.Is(err, m2mauth.ErrRateLimited) {
			t.Fatalf("caller %d: got %v, want the shared rate-limit error", i, err)
		}
	}
	if n := ten.TokenRequests(); n != 3 {
		t.Fatalf("got %d token requests, want 3", n)
	}
}

func TestTokenSourceHonoursRetryAfter(t *testing.T) {
	ten := tokenTenant(t, 0)
	ten.ScriptToken(auth0test.RateLimited(time.Hour, time.Second))
	var c fetchCounter
	cfg := tokenConfig(t, ten.Domain())
	cfg.Hooks = c.hooks()
	ts := newTokenSource(t, cfg)
	if _, err := ts.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(c.retries) != 1 || c.retries[0].Wait < time.Second {
		t.Fatalf("got retries %+v, want one wait of at least Retry-After", c.retries)
	}
}

// A wait Auth0 asks for that exceeds the budget ends the fetch at once,
// and callers arriving before that wait has passed fail without a
// request.
func TestTokenSourceRetryAfterBeyondBudget(t *testing.T) {
	ten := tokenTenant(t, 0)
	ten.ScriptToken(auth0test.RateLimited(time.Hour, time.Hour))
	ts := newTokenSource(t, tokenConfig(t, ten.Domain()))
	for range 3 {
		_, err := ts.Token(context.Background())
		var rle *m2mauth.RateLimitError
		if !errors.As(err, &rle) || rle.RetryAfter != time.Hour {
			t.Fatalf("got %v, want a rate limit with Retry-After 1h", err)
		}
	}
	if n := ten.TokenRequests(); n != 1 {
		t.Fatalf("got %d token requests, want 1", n)
	}
}

func TestTokenSourceRetriesServerErrors(t *testing.T) {
	ten := tokenTenant(t, 0)
	unavailable := auth0test.TokenAnswer{Status: http.StatusServiceUnavailable, Error: "temporarily_unavailable"}
	ten.ScriptToken(unavailable, unavailable)
	ts := newTokenSource(t, tokenConfig(t, ten.Domain()))
	if _, err := ts.Token(context.Background()); err != nil {
		t.Fatalf("Token: %v", err)
	}
	if n := ten.TokenRequests(); n != 3 {
		t.Fatalf("got %d token requests, want 3", n)
	}
}

func TestTokenSourceServerErrorsExhausted(t *testing.T) {
	ten := tokenTenant(t, 0)
	ten.SetTokenAnswer(&auth0test.TokenAnswer{Status: http.StatusBadGateway})
	cfg := tokenConfig(t, ten.Domain())
	cfg.MaxAttempts = 2
	ts := newTokenSource(t, cfg)
	_, err := ts.Token(context.Background())
	var te *m2mauth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusBadGateway {
		t.Fatalf("got %v, want a *TokenError with status 502", err)
	}
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2", n)
	}
}

func TestTokenSourceDoesNotRetryRefusals(t *testing.T) {
	type row struct {
		name       string
		edit       func(*core.TokenConfig)
		status     int
		code, desc string
	}
	for _, tc := range []row{
		{"wrong secret", func(c *core.TokenConfig) { c.ClientSecret = "wrong" },
			401, "access_denied", "Unauthorized"},
		{"unknown client", func(c *core.TokenConfig) { c.ClientID = "nobody" },
			401, "access_denied", "Unauthorized"},
		{"audience not granted", func(c *core.TokenConfig) { c.Audience = "https://nope" },
			403, "access_denied", `Client is not authorized to access "https://nope". You need to create a "client-grant" associated to this API.`},
		{"scope not granted", func(c *core.TokenConfig) { c.Scopes = []string{"admin"} },
			403, "access_denied", "Client has not been granted scopes: admin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ten := tokenTenant(t, 0)
			cfg := tokenConfig(t, ten.Domain())
			tc.edit(&cfg)
			ts := newTokenSource(t, cfg)
			_, err := ts.Token(context.Background())
			var te *m2mauth.TokenError
			if !errors.As(err, &te) || !errors.Is(err, m2mauth.ErrAuthentication) {
				t.Fatalf("got %v, want a *TokenError", err)
			}
			if te.StatusCode != tc.status || te.Code != tc.code || te.Description != tc.desc {
				t.Fatalf("got %d %q %q, want %d %q %q", te.StatusCode, te.Code, te.Description, tc.status, tc.code, tc.desc)
			}
			if n := ten.TokenRequests(); n != 1 {
				t.Fatalf("got %d token requests, want 1", n)
			}
			assertNoSecret(t, "error", err.Error())
		})
	}
}

// A caller's deadline ends its own wait; the slow fetch goes on and
// serves the callers that can wait.
func TestTokenSourceCallerDeadlineLeavesFetchRunning(t *testing.T) {
	ten := tokenTenant(t, 0)
	ten.ScriptToken(auth0test.TokenAnswer{Delay: 700 * time.Millisecond})
	var c fetchCounter
	cfg := tokenConfig(t, ten.Domain())
	cfg.Hooks = c.hooks()
	ts := newTokenSource(t, cfg)

	impatient := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := ts.Token(ctx)
		impatient <- err
	}()
	eventually(t, "the impatient caller to wait", func() bool { return c.waited.Load() == 1 })
	errs := callMany(ts, 10)
	if err := <-impatient; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("impatient caller: got %v, want context.DeadlineExceeded", err)
	}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("patient caller %d: %v", i, err)
		}
	}
	if n := ten.TokenRequests(); n != 1 {
		t.Fatalf("got %d token requests, want 1", n)
	}
}
