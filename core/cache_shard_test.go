package core

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"testing"
	"time"
)

// TestCacheShardsSpreadBySignature fills a cache to half its size with
// tokens that differ only in their signatures, as verified tokens of one
// client do over time. A shard chosen badly from the tail would fill
// one shard and evict; then tokens that share a tail but differ before
// it are stored apart, since the tail picks a lock, not an entry.
func TestCacheShardsSpreadBySignature(t *testing.T) {
	const n = 1600
	var evicted int
	c := newTokenCache(2*n, &Hooks{CacheEvicted: func(k int) { evicted += k }})
	now := time.Now()
	until := now.Add(time.Hour)
	sig := make([]byte, 256)
	for range n {
		rand.Read(sig)
		tok := "h.p." + base64.RawURLEncoding.EncodeToString(sig)
		c.put(tok, &Claims{}, "kid", until, now)
	}
	if got := c.len(); got != n || evicted != 0 {
		t.Fatalf("cache of %d holds %d of %d tokens after %d evictions, want all", 2*n, got, n, evicted)
	}

	tail := base64.RawURLEncoding.EncodeToString(sig)
	for i := range 3 {
		tok := fmt.Sprintf("h%d.p.%s", i, tail)
		c.put(tok, &Claims{Subject: tok}, "kid", until, now)
	}
	for i := range 3 {
		tok := fmt.Sprintf("h%d.p.%s", i, tail)
		if got := c.get(tok, now); got == nil || got.Subject != tok {
			t.Errorf("token %d sharing a tail: got %v, want its own claims", i, got)
		}
	}
}

// TestCacheNeverHoldsMoreThanItsSize puts four times its size of
// distinct tokens into caches of sizes that do not divide into the
// shards, and smaller than their number.
func TestCacheNeverHoldsMoreThanItsSize(t *testing.T) {
	now := time.Now()
	until := now.Add(time.Hour)
	sig := make([]byte, 32)
	for _, size := range []int{1, 2, 3, 5, 15, 16, 17, 31, 100} {
		c := newTokenCache(size, &Hooks{})
		for range 4 * size {
			rand.Read(sig)
			c.put("h.p."+base64.RawURLEncoding.EncodeToString(sig), &Claims{}, "kid", until, now)
		}
		if got := c.len(); got > size || got == 0 {
			t.Errorf("cache of size %d holds %d tokens, want 1 to %d", size, got, size)
		}
	}
}
