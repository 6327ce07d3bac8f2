package core_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// The faults of faults_test.go, met by a TokenSource at Auth0's token
// endpoint instead of by a Validator at the key set.

// tokenRig is a TokenSource for https://example.com behind a switchboard,
// with a working token endpoint to point it back at.
type tokenRig struct {
	*switchboard
	fx      *fixture
	ts      *core.TokenSource
	clk     *clock
	good    string
	fetches chan core.TokenFetch
}

// tokenAnswer is what the working endpoint answers, with the fixture's
// token: an hour of life.
func tokenAnswer(fx *fixture) []byte {
	return []byte(`{"access_token":"` + fx.token(nil) + `","token_type":"Bearer","expires_in":3600}`)
}

func newTokenRig(t *testing.T, fetchTimeout time.Duration) *tokenRig {
	t.Helper()
	fx := newFixture(t)
	body := tokenAnswer(fx)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	r := &tokenRig{switchboard: newSwitchboard(fx), fx: fx, clk: &clock{now: fixedNow},
		good: srv.Listener.Addr().String(), fetches: make(chan core.TokenFetch, 64)}
	r.point(r.good)
	cfg := tokenConfig(t, "example.com")
	cfg.HTTPClient = r.client
	cfg.Now = r.clk.Now
	cfg.FetchTimeout = fetchTimeout
	cfg.MaxAttempts = 2
	cfg.Hooks.Fetched = func(f core.TokenFetch) { r.fetches <- f }
	r.ts = newTokenSource(t, cfg)
	return r
}

func (r *tokenRig) nextFetch(t *testing.T) core.TokenFetch {
	t.Helper()
	select {
	case f := <-r.fetches:
		return f
	case <-time.After(10 * time.Second):
		t.Fatal("no token fetch ended within 10s")
		return core.TokenFetch{}
	}
}

// mustToken gets a token, failing the test if the call blocks: the
// calls made with it all have a valid token held.
func (r *tokenRig) mustToken(t *testing.T) core.Token {
	t.Helper()
	type result struct {
		tok core.Token
		err error
	}
	done := make(chan result, 1)
	go func() {
		tok, err := r.ts.Token(context.Background())
		done <- result{tok, err}
	}()
	select {
	case got := <-done:
		if got.err != nil {
			t.Fatalf("got %v, want the token held", got.err)
		}
		return got.tok
	case <-time.After(10 * time.Second):
		t.Fatal("Token blocked behind a renewal although a valid token is held")
		return core.Token{}
	}
}

// TestTokenFetchFaultsWithNoTokenHeld: each fault ends, within
// FetchTimeout or the size limit per attempt, as a *m2mauth.TokenError
// carrying its cause, and the source gets a token once the endpoint
// works again.
func TestTokenFetchFaultsWithNoTokenHeld(t *testing.T) {
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			r := newTokenRig(t, 250*time.Millisecond)
			r.point(f.start(t, newFaultServer(), r.fx, tokenAnswer(r.fx)))

			_, err := r.ts.Token(context.Background())
			var te *m2mauth.TokenError
			if !errors.As(err, &te) || !errors.Is(err, m2mauth.ErrAuthentication) {
				t.Fatalf("got %v, want a *m2mauth.TokenError", err)
			}
			if !f.cause(err) {
				t.Fatalf("got %v, want %s", err, f.want)
			}
			assertNoSecret(t, "error", printAll(err))
			if ev := r.nextFetch(t); ev.Err == nil {
				t.Error("the Fetched hook reported the failed fetch as a success")
			}

			r.point(r.good)
			if _, err := r.ts.Token(context.Background()); err != nil {
				t.Fatalf("after the endpoint recovered: %v", err)
			}
		})
	}
}

// TestTokenFetchFaultsWithTokenHeld: while a background renewal meets
// each fault, callers keep getting the held token without waiting; the
// failure reaches the Fetched hook; and a later renewal succeeds once the
// endpoint works again.
func TestTokenFetchFaultsWithTokenHeld(t *testing.T) {
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			r := newTokenRig(t, time.Minute)
			held := r.mustToken(t)
			if ev := r.nextFetch(t); ev.Err != nil {
				t.Fatal(ev.Err)
			}

			s := newFaultServer()
			r.point(f.start(t, s, r.fx, tokenAnswer(r.fx)))
			r.clk.Advance(time.Hour - core.DefaultRefreshWindow)
			r.mustToken(t) // starts the renewal
			if f.holds {
				waitClosed(t, s.entered)
				if got := r.mustToken(t); got.AccessToken != held.AccessToken {
					t.Fatal("got another token while the renewal hangs")
				}
				s.Release()
			}
			if ev := r.nextFetch(t); ev.Err == nil || !ev.Background {
				t.Fatalf("got %+v, want a failed background renewal", ev)
			}
			r.mustToken(t)

			r.point(r.good)
			r.clk.Advance(time.Minute)
			r.mustToken(t)
			if ev := r.nextFetch(t); ev.Err != nil {
				t.Fatalf("renewal after the endpoint recovered: %v", ev.Err)
			}
		})
	}
}
