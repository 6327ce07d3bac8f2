package core

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	mrand "math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkCacheScaling measures Validate answering from a cache that
// holds n verified tokens, up to a million, and the heap the cache holds
// per token (cache-B/token). Minting a million RS256 tokens would take
// some twenty minutes of RSA signing on one core, so the entries are
// made as verify makes them once a signature checked out: the claims
// parsed by parseClaims and put under the whole token. The tokens have
// Auth0's shape and size with a random signature segment, which the
// cache path reads only to pick a shard. bench's BenchmarkScaling does
// the same with real tokens, up to ten thousand.
func BenchmarkCacheScaling(b *testing.B) {
	for _, n := range []int{1, 100, 10_000, 1_000_000} {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			benchCacheScaling(b, n)
		})
	}
}

const scalingIssuer = "https://bench-tenant.eu.auth0.com/"

func benchCacheScaling(b *testing.B, n int) {
	v, err := New(Config{
		Domain:   scalingIssuer,
		Audience: []string{"https://api.bench.example"},
		// Room for shards filled unevenly: 100 tokens in 16 shards of
		// 12 would overflow one in about five runs.
		CacheSize: max(2*n, 1024),
	})
	if err != nil {
		b.Fatal(err)
	}
	defer v.Close()
	tokens := scalingTokens(n)
	before := liveHeap()
	now := time.Now()
	for _, tok := range tokens {
		_, payload, _, _ := parts(tok)
		raw, _ := decodeSegment(nil, payload)
		c := &Claims{payload: raw}
		if err := parseClaims(raw, c); err != nil {
			b.Fatal(err)
		}
		v.cache.put(tok, c, "bench-kid", c.ExpiresAt.Add(v.cfg.Leeway), now)
	}
	held := liveHeap() - before
	if got := v.cache.len(); got != n {
		b.Fatalf("cache holds %d entries, want %d", got, n)
	}

	order := make([]uint32, 1<<16)
	for i := range order {
		order[i] = uint32(mrand.IntN(n))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := v.Validate(b.Context(), tokens[order[i&(len(order)-1)]]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	if n >= 100 {
		// For fewer tokens the heap's own noise outweighs the cache.
		b.ReportMetric(float64(held)/float64(n), "cache-B/token")
	}
}

func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

var scaling struct {
	sync.Mutex
	tokens []string
}

// scalingTokens returns n distinct tokens, made once per process: the
// runs of -count share them.
func scalingTokens(n int) []string {
	scaling.Lock()
	defer scaling.Unlock()
	enc := base64.RawURLEncoding.EncodeToString
	header := enc([]byte(`{"alg":"RS256","typ":"JWT","kid":"` + strings.Repeat("k", 27) + `"}`))
	// Each token gets a signature of its own, as real ones have: the
	// cache picks a token's shard from its signature.
	sig := make([]byte, 256)
	iat := time.Now().Unix()
	for i := len(scaling.tokens); i < n; i++ {
		client := fmt.Sprintf("%032d", i)
		claims := fmt.Sprintf(`{"iss":%q,"sub":"%s@clients","aud":"https://api.bench.example",`+
			`"iat":%d,"exp":%d,"scope":"read:messages write:messages","gty":"client-credentials","azp":%q}`,
			scalingIssuer, client, iat, iat+86400, client)
		rand.Read(sig)
		scaling.tokens = append(scaling.tokens, header+"."+enc([]byte(claims))+"."+enc(sig))
	}
	return scaling.tokens[:n]
}
