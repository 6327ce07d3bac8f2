package bench

import (
	"context"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
)

// The expiry run: tokens live one second (the shortest Auth0's
// expires_in can say), the tenant takes 100 ms to issue one, as a
// distant Auth0 does, and 16 callers each send a request every 250 µs
// for 3.2 seconds, across three expiries. Each library renews 100 ms
// before expiry at the latest: ours by its margin of a tenth of the
// token's life, x/oauth2 by its expiry delta, set to the same.
const (
	expiryCallers = 16
	expiryPause   = 250 * time.Microsecond
	expiryRun     = 3200 * time.Millisecond
	tokenDelay    = 100 * time.Millisecond
	expiryMargin  = 100 * time.Millisecond
	// slowCall is far above a request's cost in steady state (a few
	// µs) and well below a token fetch: a call slower than this waited
	// for a fetch, or was starved by the scheduler.
	slowCall = 20 * time.Millisecond
)

// BenchmarkExpiry reports the latency of calls made across token
// expiries under concurrent load. Its ns/op, B/op and allocs/op are per
// call, averaged over the run, fetches included; p50-ns, p99-ns and
// max-ns are latency percentiles, slow-calls counts calls slower than
// slowCall, and fetches the token requests the tenant received.
func BenchmarkExpiry(b *testing.B) {
	rows := []struct {
		name      string
		transport func(tb testing.TB, ten *auth0test.Tenant) http.RoundTripper
	}{
		{"m2mauth/transport", ourExpiryTransport},
		{"peer/x-oauth2", theirExpiryTransport},
	}
	for _, r := range rows {
		b.Run(r.name, func(b *testing.B) { benchExpiry(b, r.transport) })
	}
}

func expiryTenant(tb testing.TB) *auth0test.Tenant {
	ten := auth0test.NewTenant()
	tb.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{ID: obClientID, Secret: obSecret,
		Grants: map[string][]string{obAudience: nil}, ExpiresIn: 1})
	ten.SetTokenAnswer(&auth0test.TokenAnswer{Delay: tokenDelay})
	return ten
}

func ourExpiryTransport(tb testing.TB, ten *auth0test.Tenant) http.RoundTripper {
	src, err := core.NewTokenSource(core.TokenConfig{
		Domain: ten.Domain(), ClientID: obClientID,
		ClientSecret: obSecret, Audience: obAudience, Logger: quiet,
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { src.Close() })
	return &outbound.Transport{Source: src, Base: obAnswer{}}
}

func theirExpiryTransport(_ testing.TB, ten *auth0test.Tenant) http.RoundTripper {
	cc := &clientcredentials.Config{
		ClientID: obClientID, ClientSecret: obSecret,
		TokenURL:       ten.Issuer() + "oauth/token",
		EndpointParams: url.Values{"audience": {obAudience}},
		AuthStyle:      oauth2.AuthStyleInParams,
	}
	// ReuseTokenSourceWithExpiry unwraps cc's own caching source, whose
	// delta of 10 s would refetch a one-second token on every call.
	src := oauth2.ReuseTokenSourceWithExpiry(nil, cc.TokenSource(context.Background()), expiryMargin)
	return &oauth2.Transport{Source: src, Base: obAnswer{}}
}

func benchExpiry(b *testing.B, transport func(testing.TB, *auth0test.Tenant) http.RoundTripper) {
	ten := expiryTenant(b)
	send := viaClient(&http.Client{Transport: transport(b, ten)})
	req, _ := http.NewRequest(http.MethodGet, "http://api.test/v1/messages", nil)
	if status, err := send(req); status != http.StatusOK {
		b.Fatalf("got status %d (%v), want 200", status, err)
	}
	fetches := ten.TokenRequests()
	var run expiryResult
	b.ReportAllocs()
	for b.Loop() {
		run = expiryLoad(b, send, req)
	}
	fetches = ten.TokenRequests() - fetches
	n := float64(len(run.latencies))
	b.ReportMetric(float64(run.total)/n, "ns/op")
	b.ReportMetric(float64(run.bytes)/n, "B/op")
	b.ReportMetric(float64(run.allocs)/n, "allocs/op")
	b.ReportMetric(float64(run.percentile(0.50)), "p50-ns")
	b.ReportMetric(float64(run.percentile(0.99)), "p99-ns")
	b.ReportMetric(float64(run.percentile(1)), "max-ns")
	b.ReportMetric(float64(run.slow), "slow-calls")
	b.ReportMetric(float64(fetches)/float64(b.N), "fetches")
}

type expiryResult struct {
	latencies     []time.Duration
	total         time.Duration
	slow          int
	bytes, allocs uint64
}

func (r *expiryResult) percentile(p float64) time.Duration {
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i]
}

// expiryLoad runs the callers for expiryRun and gathers every call's
// latency, sorted.
func expiryLoad(b *testing.B, send func(*http.Request) (int, error), req *http.Request) expiryResult {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	deadline := time.Now().Add(expiryRun)
	per := make([][]time.Duration, expiryCallers)
	var wg sync.WaitGroup
	for i := range per {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				began := time.Now()
				status, err := send(req)
				per[i] = append(per[i], time.Since(began))
				if status != http.StatusOK {
					b.Errorf("got status %d (%v), want 200", status, err)
					return
				}
				time.Sleep(expiryPause)
			}
		})
	}
	wg.Wait()
	runtime.ReadMemStats(&after)

	r := expiryResult{
		latencies: slices.Concat(per...),
		bytes:     after.TotalAlloc - before.TotalAlloc,
		allocs:    after.Mallocs - before.Mallocs,
	}
	slices.Sort(r.latencies)
	for _, l := range r.latencies {
		r.total += l
		if l >= slowCall {
			r.slow++
		}
	}
	return r
}
