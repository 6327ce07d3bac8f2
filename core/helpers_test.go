package core_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

const audience = "https://api.example.com"

// clock is a settable clock for the validator under test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// setup starts a tenant and a validator for it; edit may change the
// configuration first.
func setup(t testing.TB, edit func(*core.Config)) (*auth0test.Tenant, *core.Validator) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	cfg := core.Config{
		Domain:   ten.Domain(),
		Audience: []string{audience},
		Logger:   quiet,
	}
	if edit != nil {
		edit(&cfg)
	}
	v, err := core.New(cfg)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	return ten, v
}

// signRaw signs a header and claims given as raw JSON text with k under
// RS256, for tokens that no JWT library would produce.
func signRaw(k *auth0test.Key, header, claims string) string {
	input := enc(header) + "." + enc(claims)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k.Private, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func enc(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

var bg = context.Background()

func signPS256(k *auth0test.Key, claims auth0test.Claims) string {
	h := `{"alg":"PS256","typ":"JWT","kid":"` + k.ID + `"}`
	body, _ := json.Marshal(claims)
	input := enc(h) + "." + enc(string(body))
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPSS(rand.Reader, k.Private, crypto.SHA256, sum[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	if err != nil {
		panic(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
