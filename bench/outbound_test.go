package bench

// Outbound benchmarks: what sending a bearer token adds to a request once
// a token is held, for m2mauth's Transport and Client, next to a plain
// http.Client (the floor) and golang.org/x/oauth2's clientcredentials
// transport. Run from the repository root with
//
//	go test -run '^$' -bench Outbound -benchmem ./bench/
//
// or through go run ./bench/cmd/benchtable with the rest.
//
// The in-process rows answer every request inside the process, so that
// the few hundred nanoseconds a transport adds are not lost in the tens of
// microseconds of a loopback round trip; the loopback rows send real
// requests to an httptest server. TestOutboundRows checks that every row
// really sends a token the API accepts.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
)

const (
	obClientID = "bench-client"
	obSecret   = "bench-secret"
	obAudience = "https://bench.example"
)

// obWorld is a tenant with one client and an API that accepts its
// tokens.
type obWorld struct {
	tenant *auth0test.Tenant
	api    *httptest.Server
}

func newOBWorld(tb testing.TB) *obWorld {
	tb.Helper()
	ten := auth0test.NewTenant()
	tb.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{ID: obClientID, Secret: obSecret,
		Grants: map[string][]string{obAudience: nil}})
	v, err := core.New(core.Config{Domain: ten.Domain(), Audience: []string{obAudience}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { v.Close() })
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := v.ValidateAuthorization(r.Context(), r.Header.Get("Authorization")); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	tb.Cleanup(api.Close)
	return &obWorld{tenant: ten, api: api}
}

// obAnswer answers every request at once with an empty 200, without
// leaving the process. It is a measuring instrument, not a stand-in for
// a server: the loopback rows use a real one.
type obAnswer struct{}

func (obAnswer) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Body: http.NoBody, Request: r,
	}, nil
}

// obRow sends one GET and returns its status.
type obRow struct {
	name string
	make func(tb testing.TB, w *obWorld, base http.RoundTripper) func(*http.Request) (int, error)
}

func obRows() []obRow {
	return []obRow{
		{"floor", func(_ testing.TB, w *obWorld, base http.RoundTripper) func(*http.Request) (int, error) {
			// The floor sends the same request with a token set by hand.
			own, _ := http.NewRequest(http.MethodGet, w.api.URL, nil)
			own.Header.Set("Authorization", "Bearer "+w.tenant.Sign(w.tenant.M2MClaims(obClientID, obAudience)))
			send := viaClient(&http.Client{Transport: base})
			return func(*http.Request) (int, error) { return send(own) }
		}},
		{"peer/x-oauth2", func(tb testing.TB, w *obWorld, base http.RoundTripper) func(*http.Request) (int, error) {
			cc := &clientcredentials.Config{
				ClientID: obClientID, ClientSecret: obSecret,
				TokenURL:       w.tenant.Issuer() + "oauth/token",
				EndpointParams: url.Values{"audience": {obAudience}},
				AuthStyle:      oauth2.AuthStyleInParams,
			}
			src := cc.TokenSource(context.Background())
			return viaClient(&http.Client{Transport: &oauth2.Transport{Source: src, Base: base}})
		}},
		{"m2mauth/transport", func(tb testing.TB, w *obWorld, base http.RoundTripper) func(*http.Request) (int, error) {
			return viaClient(&http.Client{Transport: &outbound.Transport{Source: obSource(tb, w), Base: base}})
		}},
		{"m2mauth/client-do", func(tb testing.TB, w *obWorld, base http.RoundTripper) func(*http.Request) (int, error) {
			c := obClient(tb, w, base)
			return func(req *http.Request) (int, error) {
				resp, err := c.Do(req)
				return drain(resp, err)
			}
		}},
		{"m2mauth/client-get", func(tb testing.TB, w *obWorld, base http.RoundTripper) func(*http.Request) (int, error) {
			c := obClient(tb, w, base)
			return func(req *http.Request) (int, error) {
				resp, err := c.Get(req.Context(), req.URL.String())
				return drain(resp, err)
			}
		}},
	}
}

func obSource(tb testing.TB, w *obWorld) *core.TokenSource {
	ts, err := core.NewTokenSource(core.TokenConfig{
		Domain: w.tenant.Domain(), ClientID: obClientID,
		ClientSecret: obSecret, Audience: obAudience,
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ts.Close() })
	return ts
}

func obClient(tb testing.TB, w *obWorld, base http.RoundTripper) *outbound.Client {
	c, err := outbound.New(outbound.Config{Base: base, Token: core.TokenConfig{
		Domain: w.tenant.Domain(), ClientID: obClientID,
		ClientSecret: obSecret, Audience: obAudience,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

func viaClient(hc *http.Client) func(*http.Request) (int, error) {
	return func(req *http.Request) (int, error) { return drain(hc.Do(req)) }
}

func drain(resp *http.Response, err error) (int, error) {
	if resp == nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

func TestOutboundRows(t *testing.T) {
	w := newOBWorld(t)
	req, _ := http.NewRequest(http.MethodGet, w.api.URL, nil)
	for _, row := range obRows() {
		send := row.make(t, w, http.DefaultTransport)
		if status, err := send(req); status != http.StatusOK {
			t.Errorf("%s: got status %d (%v), want 200", row.name, status, err)
		}
	}
}

// BenchmarkOutboundInProcess and BenchmarkOutboundLoopback are separate
// top-level benchmarks so that benchtable gives each its own floor.
func BenchmarkOutboundInProcess(b *testing.B) { benchOutbound(b, obAnswer{}) }

func BenchmarkOutboundLoopback(b *testing.B) { benchOutbound(b, http.DefaultTransport) }

func benchOutbound(b *testing.B, base http.RoundTripper) {
	w := newOBWorld(b)
	for _, row := range obRows() {
		b.Run(row.name, func(b *testing.B) {
			send := row.make(b, w, base)
			req, _ := http.NewRequest(http.MethodGet, w.api.URL, nil)
			if status, err := send(req); status != http.StatusOK {
				b.Fatalf("got status %d (%v), want 200", status, err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if status, _ := send(req); status != http.StatusOK {
					b.Fatalf("got status %d, want 200", status)
				}
			}
		})
	}
}

// BenchmarkOutboundToken measures the token lookup alone, with a token
// held, from one goroutine and from one per CPU: run with -cpu 2, a
// lookup free of lock contention takes half the time per call that it
// takes serially.
func BenchmarkOutboundToken(b *testing.B) {
	w := newOBWorld(b)
	cc := &clientcredentials.Config{
		ClientID: obClientID, ClientSecret: obSecret,
		TokenURL:       w.tenant.Issuer() + "oauth/token",
		EndpointParams: url.Values{"audience": {obAudience}},
		AuthStyle:      oauth2.AuthStyleInParams,
	}
	theirs := cc.TokenSource(context.Background())
	ours := obSource(b, w)
	ctx := context.Background()
	lookups := map[string]func() error{
		"x-oauth2": func() error { _, err := theirs.Token(); return err },
		"m2mauth":  func() error { _, err := ours.Token(ctx); return err },
	}
	for _, name := range []string{"x-oauth2", "m2mauth"} {
		get := lookups[name]
		if err := get(); err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/serial", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				get()
			}
		})
		b.Run(name+"/parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					get()
				}
			})
		})
	}
}
