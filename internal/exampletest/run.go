package exampletest

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/internal/adaptertest"
)

// RunFunc is an example's server: it reads its configuration through
// getenv, calls ready with the address it listens on, and serves until
// ctx is done, then stops gracefully and returns nil.
type RunFunc func(ctx context.Context, getenv func(string) string, ready func(net.Addr)) error

// Audience is the API audience the examples are tested with.
const Audience = "https://api.example.test"

// Scope is the scope /api/private-scoped requires.
const Scope = "read:messages"

// env is a getenv over a fixed set of variables.
func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// CheckRun serves run against an embedded tenant and checks the three
// routes, then that cancelling the context stops it cleanly.
func CheckRun(t *testing.T, run RunFunc) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	getenv := env(map[string]string{
		"AUTH0_DOMAIN":   ten.Domain(),
		"AUTH0_AUDIENCE": Audience,
		"ADDR":           "127.0.0.1:0",
	})
	go func() { done <- run(ctx, getenv, func(a net.Addr) { addrs <- a }) }()

	var base string
	select {
	case a := <-addrs:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("run returned before listening: %v", err)
	}
	checkRoutes(t, base, ten)

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after cancel: got %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
	}
}

func checkRoutes(t *testing.T, base string, ten *auth0test.Tenant) {
	t.Helper()
	plain := adaptertest.Bearer(ten.Token(Audience))
	scoped := adaptertest.Bearer(ten.Token(Audience, Scope))
	tests := []struct {
		path   string
		auth   []string
		status int
	}{
		{"/api/public", nil, http.StatusOK},
		{"/api/private", nil, http.StatusUnauthorized},
		{"/api/private", []string{"Bearer not-a-token"}, http.StatusUnauthorized},
		{"/api/private", []string{plain}, http.StatusOK},
		{"/api/private-scoped", nil, http.StatusUnauthorized},
		{"/api/private-scoped", []string{plain}, http.StatusForbidden},
		{"/api/private-scoped", []string{scoped}, http.StatusOK},
	}
	for _, tt := range tests {
		got := adaptertest.Get(t, base+tt.path, tt.auth...)
		if got.Status != tt.status {
			t.Errorf("GET %s with %d header(s): got %d, want %d (body %s)",
				tt.path, len(tt.auth), got.Status, tt.status, got.Body)
		}
		if tt.status == http.StatusOK && tt.auth != nil {
			checkClient(t, tt.path, got.Body)
		}
	}
}

// checkClient checks that a private route answered with the caller's
// client id, read from the claims.
func checkClient(t *testing.T, path, body string) {
	t.Helper()
	var got struct {
		ClientID string `json:"client_id"`
	}
	if err := json.NewDecoder(strings.NewReader(body)).Decode(&got); err != nil {
		t.Errorf("GET %s: decoding %q: %v", path, body, err)
		return
	}
	if got.ClientID != "test-client" {
		t.Errorf("GET %s: client_id got %q, want %q", path, got.ClientID, "test-client")
	}
}

// CheckConfig checks that run refuses to start without AUTH0_DOMAIN or
// AUTH0_AUDIENCE, naming the missing variable.
func CheckConfig(t *testing.T, run RunFunc) {
	t.Helper()
	tests := []struct {
		missing string
		vars    map[string]string
	}{
		{"AUTH0_DOMAIN", map[string]string{"AUTH0_AUDIENCE": Audience}},
		{"AUTH0_AUDIENCE", map[string]string{"AUTH0_DOMAIN": "example.eu.auth0.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.missing, func(t *testing.T) {
			err := run(context.Background(), env(tt.vars), func(net.Addr) {
				t.Error("run listened without its configuration")
			})
			if err == nil || !strings.Contains(err.Error(), tt.missing) {
				t.Errorf("error: got %v, want one naming %s", err, tt.missing)
			}
		})
	}
}
