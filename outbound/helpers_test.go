package outbound_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
)

const (
	clientID = "orders-service"
	secret   = "S3cr3t-never-print-me-91ab"
	audience = "https://orders.example"
	other    = "https://billing.example"
)

// echo is what the test API answers: what it saw of the request.
type echo struct {
	Method      string `json:"method"`
	Query       string `json:"query"`
	ContentType string `json:"content_type"`
	Body        string `json:"body"`
	ClientID    string `json:"client_id"`
	Audience    string `json:"audience"`
	Custom      string `json:"custom"`
}

// api is a protected API on loopback: it validates each bearer token
// with the inbound validator and echoes the request. Tokens in refused
// get 401, as from an API that learned they were revoked.
type api struct {
	*httptest.Server
	mu      sync.Mutex
	refused map[string]bool
	seen    []string // tokens, in order
}

func newAPI(t *testing.T, ten *auth0test.Tenant) *api {
	t.Helper()
	v, err := core.New(core.Config{
		Domain:   ten.Domain(),
		Audience: []string{audience, other},
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	a := &api{refused: map[string]bool{}}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.serve(w, r, v)
	}))
	t.Cleanup(a.Close)
	return a
}

func (a *api) serve(w http.ResponseWriter, r *http.Request, v *core.Validator) {
	claims, err := v.ValidateAuthorization(r.Context(), r.Header.Get("Authorization"))
	if err != nil {
		resp := core.ResponseFor(err)
		w.Header().Set("WWW-Authenticate", resp.Challenge)
		http.Error(w, string(resp.JSON()), resp.Status)
		return
	}
	tok, _ := core.BearerToken(r.Header.Get("Authorization"))
	a.mu.Lock()
	a.seen = append(a.seen, tok)
	refused := a.refused[tok]
	a.mu.Unlock()
	if refused {
		http.Error(w, `{"error":"invalid_token"}`, http.StatusUnauthorized)
		return
	}
	body, _ := io.ReadAll(r.Body)
	json.NewEncoder(w).Encode(echo{
		Method:      r.Method,
		Query:       r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"),
		Body:        string(body),
		ClientID:    claims.ClientID,
		Audience:    strings.Join(claims.Audience, " "),
		Custom:      r.Header.Get("X-Custom"),
	})
}

func (a *api) refuse(tok string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.refused[tok] = true
}

// tokens returns the tokens the API has seen.
func (a *api) tokens() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.seen...)
}

// setup starts a tenant with the test client, granted both audiences,
// an API, and a Client with default credentials.
func setup(t *testing.T) (*auth0test.Tenant, *api, *outbound.Client) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{ID: clientID, Secret: secret, Grants: map[string][]string{
		audience: {"read", "write"}, other: {"read"},
	}})
	c := newClient(t, config(t, ten))
	return ten, newAPI(t, ten), c
}

// config returns a Config for the test client whose log output is
// checked for secrets and tokens when the test ends.
func config(t *testing.T, ten *auth0test.Tenant) outbound.Config {
	t.Helper()
	logs := &strings.Builder{}
	var mu sync.Mutex
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		assertClean(t, "log", logs.String())
	})
	return outbound.Config{Token: core.TokenConfig{
		Domain:       ten.Domain(),
		ClientID:     clientID,
		ClientSecret: secret,
		Audience:     audience,
		Logger: slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			return logs.Write(p)
		}), &slog.HandlerOptions{Level: slog.LevelDebug})),
	}}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func newClient(t *testing.T, cfg outbound.Config) *outbound.Client {
	t.Helper()
	c, err := outbound.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// assertClean fails if out holds the secret or a whole token.
func assertClean(t *testing.T, what, out string) {
	t.Helper()
	if strings.Contains(out, secret) {
		t.Errorf("%s holds the client secret: %q", what, out)
	}
	if strings.Contains(out, "eyJ") {
		t.Errorf("%s holds a token: %q", what, out)
	}
}

// decode returns a function that reads the echo from a call's
// successful response and closes it: decode(t)(c.Get(...)).
func decode(t *testing.T) func(*http.Response, error) echo {
	t.Helper()
	return func(resp *http.Response, err error) echo {
		t.Helper()
		if err != nil {
			t.Fatalf("request failed: %v", err)
		}
		defer resp.Body.Close()
		var e echo
		if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
			t.Fatalf("decoding the answer: %v", err)
		}
		return e
	}
}

var bg = context.Background()
