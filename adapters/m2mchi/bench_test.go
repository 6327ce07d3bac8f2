package m2mchi_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/revup/m2mauth/adapters/m2mchi"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/internal/adaptertest"
)

// discard is a ResponseWriter that costs nothing.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkChi serves a cached token through a chi router with the
// middleware at the root and a RequireScopes on the route. Compare with
// BenchmarkRouterOnly for the adapter's cost.
func BenchmarkChi(b *testing.B) {
	benchRouter(b, func(r chi.Router, v http.HandlerFunc, auth func(http.Handler) http.Handler) {
		r.Use(auth)
		r.With(m2mchi.RequireScopes("read:messages")).Get("/messages/{id}", v)
	}, true)
}

// BenchmarkRouterOnly is the same router without authentication.
func BenchmarkRouterOnly(b *testing.B) {
	benchRouter(b, func(r chi.Router, v http.HandlerFunc, _ func(http.Handler) http.Handler) {
		r.Get("/messages/{id}", v)
	}, false)
}

func benchRouter(b *testing.B, build func(chi.Router, http.HandlerFunc, func(http.Handler) http.Handler), wantClaims bool) {
	ten := auth0test.NewTenant()
	b.Cleanup(ten.Close)
	v := adaptertest.NewValidator(b, ten)
	value := adaptertest.Bearer(ten.Token(adaptertest.Audience, "read:messages"))
	if _, err := v.ValidateAuthorization(context.Background(), value); err != nil {
		b.Fatal(err)
	}
	found := false
	r := chi.NewRouter()
	build(r, func(w http.ResponseWriter, r *http.Request) {
		_, found = m2mchi.Claims(r.Context())
	}, m2mchi.New(v))
	req, err := http.NewRequest(http.MethodGet, "/messages/42", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", value)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		r.ServeHTTP(w, req)
	}
	if found != wantClaims {
		b.Fatalf("claims seen: got %v, want %v", found, wantClaims)
	}
}
