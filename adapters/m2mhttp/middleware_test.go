package m2mhttp_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

func TestBehaviourTable(t *testing.T) {
	t.Run("RequireScopes", func(t *testing.T) {
		adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
			auth := m2mhttp.New(v)
			return serve(t, auth(identity), auth(m2mhttp.RequireScopes(adaptertest.Scope)(identity)))
		})
	})
	t.Run("WithScopes", func(t *testing.T) {
		adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
			scoped := m2mhttp.New(v, m2mhttp.WithScopes(adaptertest.Scope))
			return serve(t, m2mhttp.New(v)(identity), scoped(identity))
		})
	})
}

// serve answers the table's routes, private and scoped being already
// wrapped.
func serve(t *testing.T, private, scoped http.Handler) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+adaptertest.PublicPath, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("public"))
	})
	mux.Handle("GET "+adaptertest.PrivatePath, private)
	mux.Handle("GET "+adaptertest.ScopedPath, scoped)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// identity echoes the claims read through the typed accessor, and
// answers 204 when there are none.
var identity = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	c, ok := m2mhttp.ClaimsFrom(r.Context())
	if !ok {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(adaptertest.IdentityOf(c))
})

func setup(t testing.TB) (*auth0test.Tenant, *core.Validator) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	return ten, adaptertest.NewValidator(t, ten)
}

func start(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestOptional(t *testing.T) {
	ten, v := setup(t)
	url := start(t, m2mhttp.New(v, m2mhttp.WithOptional())(identity))
	tests := []struct {
		name   string
		auth   []string
		status int
	}{
		{"no header passes without claims", nil, http.StatusNoContent},
		{"valid token sets claims", []string{adaptertest.Bearer(ten.Token(adaptertest.Audience))}, http.StatusOK},
		{"invalid token is refused", []string{"Bearer not-a-token"}, http.StatusUnauthorized},
		{"empty header is refused", []string{""}, http.StatusUnauthorized},
		{"two headers are refused", []string{"Bearer a", "Bearer b"}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := adaptertest.Get(t, url, tt.auth...).Status; got != tt.status {
				t.Errorf("status: got %d, want %d", got, tt.status)
			}
		})
	}
}

func TestSkip(t *testing.T) {
	_, v := setup(t)
	skipHealth := m2mhttp.WithSkip(func(r *http.Request) bool { return r.URL.Path == "/health" })
	url := start(t, m2mhttp.New(v, skipHealth)(identity))

	if got := adaptertest.Get(t, url+"/health", "Bearer not-a-token").Status; got != http.StatusNoContent {
		t.Errorf("skipped route: got %d, want %d", got, http.StatusNoContent)
	}
	if got := adaptertest.Get(t, url+"/other").Status; got != http.StatusUnauthorized {
		t.Errorf("other route: got %d, want %d", got, http.StatusUnauthorized)
	}
}

func TestErrorHandler(t *testing.T) {
	ten, v := setup(t)
	var got []error
	custom := m2mhttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		got = append(got, err)
		http.Error(w, "custom", http.StatusTeapot)
	})
	auth := m2mhttp.New(v, custom)
	url := start(t, auth(m2mhttp.RequireScopes("admin")(identity)))

	expired := ten.Sign(auth0test.Claims{
		"iss": ten.Issuer(), "aud": adaptertest.Audience, "sub": "c@clients", "exp": 1,
	})
	for _, auth := range []string{adaptertest.Bearer(expired), adaptertest.Bearer(ten.Token(adaptertest.Audience))} {
		r := adaptertest.Get(t, url, auth)
		if r.Status != http.StatusTeapot || r.Body != "custom\n" {
			t.Errorf("answer: got %d %q, want %d %q", r.Status, r.Body, http.StatusTeapot, "custom\n")
		}
	}
	want := []error{m2mauth.ErrTokenExpired, m2mauth.ErrInsufficientScope}
	if len(got) != len(want) {
		t.Fatalf("handler calls: got %d, want %d", len(got), len(want))
	}
	for i := range want {
		if !errors.Is(got[i], want[i]) {
			t.Errorf("error %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func TestRequireScopesWithoutClaims(t *testing.T) {
	_, v := setup(t)
	tests := []struct {
		name    string
		handler http.Handler
	}{
		{"no middleware before", m2mhttp.RequireScopes("read:messages")(identity)},
		{"optional middleware before", m2mhttp.New(v, m2mhttp.WithOptional())(
			m2mhttp.RequireScopes("read:messages")(identity))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := adaptertest.Get(t, start(t, tt.handler))
			if r.Status != http.StatusUnauthorized || r.Header.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("got %d %q, want %d %q", r.Status,
					r.Header.Get("WWW-Authenticate"), http.StatusUnauthorized, "Bearer")
			}
		})
	}
}

func TestWithScopesKeepsItsOwnCopy(t *testing.T) {
	ten, v := setup(t)
	scopes := []string{"read:messages"}
	url := start(t, m2mhttp.New(v, m2mhttp.WithScopes(scopes...))(identity))
	scopes[0] = "write:messages"

	tok := ten.Token(adaptertest.Audience, "read:messages")
	if got := adaptertest.Get(t, url, adaptertest.Bearer(tok)).Status; got != http.StatusOK {
		t.Errorf("status: got %d, want %d", got, http.StatusOK)
	}
}

func TestNewPanicsWithoutValidator(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(nil) did not panic")
		}
	}()
	m2mhttp.New(nil)
}

func TestClaimsFromEmptyContext(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	if c, ok := m2mhttp.ClaimsFrom(req.Context()); ok || c != nil {
		t.Errorf("got %v, %v, want nil, false", c, ok)
	}
}
