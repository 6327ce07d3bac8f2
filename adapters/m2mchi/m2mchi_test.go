package m2mchi_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mchi"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

func TestBehaviourTable(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		r := chi.NewRouter()
		r.Get(adaptertest.PublicPath, func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("public"))
		})
		r.Group(func(r chi.Router) {
			r.Use(m2mchi.New(v))
			r.Get(adaptertest.PrivatePath, identity)
			r.With(m2mchi.RequireScopes(adaptertest.Scope)).Get(adaptertest.ScopedPath, identity)
		})
		return start(t, r)
	})
}

// identity echoes the claims read through the typed accessor, and
// answers 204 when there are none.
func identity(w http.ResponseWriter, r *http.Request) {
	c, ok := m2mchi.Claims(r.Context())
	if !ok {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(adaptertest.IdentityOf(c))
}

func start(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func setup(t *testing.T) (*auth0test.Tenant, *core.Validator) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	return ten, adaptertest.NewValidator(t, ten)
}

// report is what the recording error handler saw of one refusal.
type report struct {
	route string
	err   error
}

func recording(got *[]report) m2mchi.Option {
	return m2mchi.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, route string, err error) {
		*got = append(*got, report{route, err})
		w.WriteHeader(http.StatusTeapot)
	})
}

func TestErrorHandlerGetsRoutePattern(t *testing.T) {
	ten, v := setup(t)
	var got []report
	r := chi.NewRouter()
	r.Use(m2mchi.New(v, recording(&got)))
	r.Get("/orders/{id}", identity)
	r.With(m2mchi.RequireScopes("admin")).Get("/admin/{section}", identity)
	r.Route("/api", func(r chi.Router) {
		r.Get("/items/{id}/parts/*", identity)
	})
	url := start(t, r)

	valid := adaptertest.Bearer(ten.Token(adaptertest.Audience))
	tests := []struct {
		path, auth, route string
		want              error
	}{
		{"/orders/42", "", "/orders/{id}", m2mauth.ErrTokenMissing},
		{"/admin/users", valid, "/admin/{section}", m2mauth.ErrInsufficientScope},
		{"/api/items/7/parts/a/b", "Bearer x", "/api/items/{id}/parts/*", m2mauth.ErrTokenMalformed},
		{"/nowhere", "", "", m2mauth.ErrTokenMissing},
	}
	for _, tt := range tests {
		var auth []string
		if tt.auth != "" {
			auth = []string{tt.auth}
		}
		if status := adaptertest.Get(t, url+tt.path, auth...).Status; status != http.StatusTeapot {
			t.Errorf("%s: status got %d, want %d", tt.path, status, http.StatusTeapot)
		}
	}
	if len(got) != len(tests) {
		t.Fatalf("handler calls: got %d, want %d", len(got), len(tests))
	}
	for i, tt := range tests {
		if got[i].route != tt.route {
			t.Errorf("%s: route got %q, want %q", tt.path, got[i].route, tt.route)
		}
		if !errors.Is(got[i].err, tt.want) {
			t.Errorf("%s: error got %v, want %v", tt.path, got[i].err, tt.want)
		}
	}
}

func TestOptionalAndSkip(t *testing.T) {
	ten, v := setup(t)
	r := chi.NewRouter()
	r.Use(m2mchi.New(v,
		m2mchi.WithOptional(),
		m2mchi.WithSkip(func(r *http.Request) bool { return r.URL.Path == "/health" }),
	))
	r.Get("/", identity)
	r.Get("/health", identity)
	r.With(m2mchi.RequireScopes("read:messages")).Get("/messages", identity)
	url := start(t, r)

	scoped := adaptertest.Bearer(ten.Token(adaptertest.Audience, "read:messages"))
	tests := []struct {
		name, path string
		auth       []string
		status     int
	}{
		{"no token passes", "/", nil, http.StatusNoContent},
		{"valid token sets claims", "/", []string{scoped}, http.StatusOK},
		{"invalid token is refused", "/", []string{"Bearer x"}, http.StatusUnauthorized},
		{"skipped route ignores the header", "/health", []string{"Bearer x"}, http.StatusNoContent},
		{"scoped route needs a token", "/messages", nil, http.StatusUnauthorized},
		{"scoped route with scope", "/messages", []string{scoped}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := adaptertest.Get(t, url+tt.path, tt.auth...).Status; got != tt.status {
				t.Errorf("status: got %d, want %d", got, tt.status)
			}
		})
	}
}

func TestWithScopes(t *testing.T) {
	ten, v := setup(t)
	r := chi.NewRouter()
	r.With(m2mchi.New(v, m2mchi.WithScopes("write:messages"))).Post("/messages", identity)
	url := start(t, r)

	read := adaptertest.Bearer(ten.Token(adaptertest.Audience, "read:messages"))
	req, _ := http.NewRequest(http.MethodPost, url+"/messages", nil)
	req.Header.Set("Authorization", read)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("status: got %d, want %d", resp.StatusCode, http.StatusForbidden)
	}
}

func TestRoutePatternOutsideChi(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	req.Pattern = "GET /x"
	if got := m2mchi.RoutePattern(req); got != "GET /x" {
		t.Errorf("got %q, want %q", got, "GET /x")
	}
}
