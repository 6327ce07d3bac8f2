package bench

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/revup/m2mauth/core"
)

// BenchmarkScaling measures the core against many distinct tokens in
// flight, each a real RS256 token of its own client. Up to the cache's
// size every call after the first is a hit; past it the cache holds
// what it can and the rest pay a verification. The cache's memory is
// reported as cache-B/token: heap held after filling, per token. A
// million tokens would take twenty minutes of RSA signing to mint; core's
// BenchmarkCacheScaling covers that count with entries put in directly.
func BenchmarkScaling(b *testing.B) {
	cases := []struct {
		tokens, cacheSize int
	}{
		{1, 0},
		{100, 0},
		{10_000, 0},
		{10_000, 16_384},
	}
	for _, c := range cases {
		name := fmt.Sprintf("tokens=%d/cache=default", c.tokens)
		if c.cacheSize > 0 {
			name = fmt.Sprintf("tokens=%d/cache=%d", c.tokens, c.cacheSize)
		}
		b.Run(name, func(b *testing.B) { benchScaling(b, c.tokens, c.cacheSize) })
	}
}

func benchScaling(b *testing.B, n, cacheSize int) {
	fx := sharedFixture()
	tokens := distinctTokens(fx, n)
	var hits, misses atomic.Int64
	v := fx.validator(b, func(c *core.Config) {
		c.CacheSize = cacheSize
		c.Hooks.CacheHit = func() { hits.Add(1) }
		c.Hooks.CacheMiss = func() { misses.Add(1) }
	})
	if _, err := v.Validate(bg, fx.token); err != nil {
		b.Fatal(err)
	}
	before := heapInUse()
	for _, tok := range tokens {
		if _, err := v.Validate(bg, tok); err != nil {
			b.Fatal(err)
		}
	}
	held := heapInUse() - before
	runtime.KeepAlive(v)

	order := make([]uint32, 1<<16)
	for i := range order {
		order[i] = uint32(rand.IntN(n))
	}
	hits.Store(0)
	misses.Store(0)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := v.Validate(bg, tokens[order[i&(len(order)-1)]]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	if n >= 100 {
		// For fewer tokens the heap's own noise outweighs the cache.
		b.ReportMetric(float64(held)/float64(n), "cache-B/token")
	}
	b.ReportMetric(100*float64(hits.Load())/float64(hits.Load()+misses.Load()), "hit-%")
}

// heapInUse returns the live heap after a collection.
func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

var minted struct {
	sync.Mutex
	tokens []string
}

// distinctTokens returns n tokens of n different clients, minted once
// per process on every CPU: RS256 signing costs about a millisecond.
func distinctTokens(fx *fixture, n int) []string {
	minted.Lock()
	defer minted.Unlock()
	if len(minted.tokens) >= n {
		return minted.tokens[:n]
	}
	prev := runtime.GOMAXPROCS(runtime.NumCPU())
	defer runtime.GOMAXPROCS(prev)
	have := len(minted.tokens)
	minted.tokens = append(minted.tokens, make([]string, n-have)...)
	var wg sync.WaitGroup
	workers := runtime.NumCPU()
	for w := range workers {
		wg.Go(func() {
			for i := have + w; i < n; i += workers {
				client := fmt.Sprintf("client-%07d", i)
				minted.tokens[i] = fx.tenant.Sign(fx.tenant.M2MClaims(client, audience, scope))
			}
		})
	}
	wg.Wait()
	return minted.tokens[:n]
}
