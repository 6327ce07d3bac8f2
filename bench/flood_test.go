package bench

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth/core"
)

// BenchmarkKidFlood sends floods of tokens whose kid the tenant never
// published, with valid claims and a signature-sized tail, from 8
// goroutines at once, to a validator that holds the keys already. Its
// ns/op, B/op and allocs/op are per token refused, so that floods of
// different sizes compare; jwks-fetches counts the key set requests
// each whole flood caused. A kid that is unknown may mean the tenant
// rotated keys, so one fetch is expected; the rest must wait for
// Config.KeyRefetchInterval. The peers that read a key set through a
// raw token are flooded too, with a thousand tokens, which core is also
// given.
func BenchmarkKidFlood(b *testing.B) {
	for _, n := range []int{100, 1000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("core/unknown-kids=%d", n), func(b *testing.B) {
			benchFlood(b, n, newSettledCore)
		})
	}
	peers := []struct {
		name  string
		check func(testing.TB, *fixture) func(string) error
	}{
		{"peer/golang-jwt/keyfunc", newKeyfunc},
		{"peer/go-oidc", newGoOIDC},
	}
	for _, p := range peers {
		b.Run(p.name+"/unknown-kids=1000", func(b *testing.B) {
			benchFlood(b, 1000, p.check)
		})
	}
}

const floodWorkers = 8

// newSettledCore is the core validator of a service that fetched its
// keys a while ago: its clock jumps past KeyRefetchInterval after the
// first call, so that the flood may cause the one fetch it is allowed.
func newSettledCore(tb testing.TB, fx *fixture) func(string) error {
	var skew atomic.Int64
	v := fx.validator(tb, func(c *core.Config) {
		c.Now = func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	})
	return func(token string) error {
		_, err := v.Validate(bg, token)
		skew.Store(int64(core.DefaultKeyRefetchInterval + time.Second))
		return err
	}
}

func benchFlood(b *testing.B, n int, newCheck func(testing.TB, *fixture) func(string) error) {
	fx := sharedFixture()
	tokens := unknownKidTokens(fx, n)
	var fetches int64
	var elapsed time.Duration
	var bytes, allocs uint64
	var before, after runtime.MemStats
	for b.Loop() {
		b.StopTimer()
		check := newCheck(b, fx)
		if err := check(fx.token); err != nil {
			b.Fatal(err)
		}
		start := fx.tenant.JWKSRequests()
		runtime.ReadMemStats(&before)
		began := time.Now()
		b.StartTimer()

		flood(b, check, tokens)

		b.StopTimer()
		elapsed += time.Since(began)
		runtime.ReadMemStats(&after)
		bytes += after.TotalAlloc - before.TotalAlloc
		allocs += after.Mallocs - before.Mallocs
		fetches += int64(fx.tenant.JWKSRequests() - start)
		b.StartTimer()
	}
	tokensSent := float64(b.N * n)
	b.ReportMetric(float64(elapsed)/tokensSent, "ns/op")
	b.ReportMetric(float64(bytes)/tokensSent, "B/op")
	b.ReportMetric(float64(allocs)/tokensSent, "allocs/op")
	b.ReportMetric(float64(fetches)/float64(b.N), "jwks-fetches")
}

func flood(b *testing.B, check func(string) error, tokens []string) {
	var wg sync.WaitGroup
	var accepted sync.Once
	for w := range floodWorkers {
		wg.Go(func() {
			for i := w; i < len(tokens); i += floodWorkers {
				if check(tokens[i]) == nil {
					accepted.Do(func() { b.Error("a token with an unknown kid was accepted") })
				}
			}
		})
	}
	wg.Wait()
}

// unknownKidTokens crafts n tokens that pass every claim check and carry
// a random kid, so that only the key lookup refuses them.
func unknownKidTokens(fx *fixture, n int) []string {
	enc := base64.RawURLEncoding.EncodeToString
	claims := fmt.Sprintf(`{"iss":%q,"sub":"attacker@clients","aud":%q,"exp":%d,"iat":%d,"gty":"client-credentials"}`,
		fx.tenant.Issuer(), audience, time.Now().Add(time.Hour).Unix(), time.Now().Unix())
	payload := enc([]byte(claims))
	sig := make([]byte, 256)
	rand.Read(sig)
	tail := enc(sig)
	tokens := make([]string, n)
	for i := range tokens {
		header := fmt.Sprintf(`{"alg":"RS256","typ":"JWT","kid":"flood-%d-%s"}`, i, rand.Text())
		tokens[i] = enc([]byte(header)) + "." + payload + "." + tail
	}
	return tokens
}
