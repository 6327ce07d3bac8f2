package m2mhttp_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/internal/adaptertest"
)

// discard is a ResponseWriter that costs nothing, so that the benchmarks
// measure the middleware and not a recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkCore is the floor: the validator alone on a cached token.
func BenchmarkCore(b *testing.B) {
	ten, v := setup(b)
	value := adaptertest.Bearer(ten.Token(adaptertest.Audience))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.ValidateAuthorization(ctx, value); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMiddleware serves a cached token through New and a handler
// that reads the claims; the difference with BenchmarkCore is the
// adapter's cost.
func BenchmarkMiddleware(b *testing.B) {
	ten, v := setup(b)
	var found bool
	h := m2mhttp.New(v)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, found = m2mhttp.ClaimsFrom(r.Context())
	}))
	req, err := http.NewRequest(http.MethodGet, "/", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", adaptertest.Bearer(ten.Token(adaptertest.Audience)))
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, req)
	}
	if !found {
		b.Fatal("the handler saw no claims")
	}
}
