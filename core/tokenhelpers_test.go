package core_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// The credentials of the client the token tests use. The secret is
// distinctive so that a search for it in any output cannot miss it.
const (
	tsClientID = "orders-service"
	tsSecret   = "S3cr3t-never-print-me-7c1f"
	tsAudience = "https://orders.example"
	tsOther    = "https://billing.example"
)

// lockedBuffer collects log output from many goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// tokenTenant starts a tenant with the test client registered, granted
// scopes read and write on both audiences, with tokens living expiresIn
// seconds (0 for the default).
func tokenTenant(t *testing.T, expiresIn int) *auth0test.Tenant {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{
		ID:     tsClientID,
		Secret: tsSecret,
		Grants: map[string][]string{
			tsAudience: {"read", "write"},
			tsOther:    {"read"},
		},
		ExpiresIn: expiresIn,
	})
	return ten
}

// tokenConfig returns a configuration for the test client whose logs go
// to a buffer that is checked for secrets and tokens when the test ends.
func tokenConfig(t *testing.T, domain string) core.TokenConfig {
	t.Helper()
	logs := &lockedBuffer{}
	t.Cleanup(func() { assertNoSecret(t, "log", logs.String()) })
	return core.TokenConfig{
		Domain:       domain,
		ClientID:     tsClientID,
		ClientSecret: tsSecret,
		Audience:     tsAudience,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		RetryBackoff: 5 * time.Millisecond,
	}
}

func newTokenSource(t *testing.T, cfg core.TokenConfig) *core.TokenSource {
	t.Helper()
	ts, err := core.NewTokenSource(cfg)
	if err != nil {
		t.Fatalf("NewTokenSource: %v", err)
	}
	t.Cleanup(func() { ts.Close() })
	return ts
}

// assertNoSecret fails if out holds the client secret, or anything that
// looks like a whole token (a JWT's first segment).
func assertNoSecret(t *testing.T, what, out string) {
	t.Helper()
	if strings.Contains(out, tsSecret) {
		t.Errorf("%s holds the client secret: %q", what, out)
	}
	if strings.Contains(out, "eyJ") {
		t.Errorf("%s holds a token: %q", what, out)
	}
}

// fetchCounter counts the hooks' events.
type fetchCounter struct {
	fetched, failed, background, waited, retried atomic.Int64
	mu                                           sync.Mutex
	retries                                      []core.TokenRetry
}

func (c *fetchCounter) hooks() core.TokenHooks {
	return core.TokenHooks{
		Fetched: func(ev core.TokenFetch) {
			c.fetched.Add(1)
			if ev.Err != nil {
				c.failed.Add(1)
			}
			if ev.Background {
				c.background.Add(1)
			}
		},
		Waited: func(core.TokenKey) { c.waited.Add(1) },
		Retrying: func(ev core.TokenRetry) {
			c.retried.Add(1)
			c.mu.Lock()
			c.retries = append(c.retries, ev)
			c.mu.Unlock()
		},
	}
}

// eventually polls cond for up to five seconds; it waits on background
// work, and asserts nothing about how long that takes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 500 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

// tsClock is a settable clock.
type tsClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *tsClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *tsClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
