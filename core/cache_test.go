package core_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// counters records the cache hooks.
type counters struct{ hits, misses, evicted atomic.Int64 }

func (c *counters) hooks(cfg *core.Config) {
	cfg.Hooks.CacheHit = func() { c.hits.Add(1) }
	cfg.Hooks.CacheMiss = func() { c.misses.Add(1) }
	cfg.Hooks.CacheEvicted = func(n int) { c.evicted.Add(int64(n)) }
}

func TestCacheServesRepeatedTokens(t *testing.T) {
	var cnt counters
	ten, v := setup(t, cnt.hooks)
	tok := ten.Token(audience)
	first, err := v.Validate(bg, tok)
	if err != nil {
		t.Fatal(err)
	}
	second, err := v.Validate(bg, tok)
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Error("the repeated token was verified again instead of served from the cache")
	}
	if cnt.hits.Load() != 1 || cnt.misses.Load() != 1 {
		t.Errorf("got %d hits and %d misses, want 1 and 1", cnt.hits.Load(), cnt.misses.Load())
	}
}

func TestCacheEntryNeverOutlivesExp(t *testing.T) {
	clk := newClock()
	ten, v := setup(t, func(c *core.Config) { c.Now = clk.Now })
	claims := ten.M2MClaims("c", audience)
	claims["exp"] = clk.Now().Add(time.Minute).Unix()
	tok := ten.Sign(claims)
	if _, err := v.Validate(bg, tok); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute + core.DefaultLeeway)
	if _, err := v.Validate(bg, tok); !errors.Is(err, m2mauth.ErrTokenExpired) {
		t.Fatalf("got %v, want ErrTokenExpired from a cached token past exp", err)
	}
}

func TestCacheNeverHoldsInvalidTokens(t *testing.T) {
	var cnt counters
	ten, v := setup(t, cnt.hooks)
	bad := ten.Token("https://other")
	for range 3 {
		if _, err := v.Validate(bg, bad); err == nil {
			t.Fatal("invalid token accepted")
		}
	}
	if cnt.hits.Load() != 0 || cnt.misses.Load() != 3 {
		t.Errorf("got %d hits, %d misses; an invalid token must never be cached", cnt.hits.Load(), cnt.misses.Load())
	}
}

func TestCacheIsBounded(t *testing.T) {
	var cnt counters
	const size = 32
	ten, v := setup(t, func(c *core.Config) {
		cnt.hooks(c)
		c.CacheSize = size
	})
	tokens := make([]string, 4*size)
	for i := range tokens {
		tokens[i] = ten.Sign(ten.M2MClaims("client-"+itoa(i), audience))
	}
	for _, tok := range tokens {
		if _, err := v.Validate(bg, tok); err != nil {
			t.Fatal(err)
		}
	}
	if got := cnt.evicted.Load(); got < int64(len(tokens)-size) {
		t.Errorf("got %d evictions for %d tokens in a cache of %d, want at least %d", got, len(tokens), size, len(tokens)-size)
	}
	// Only so many tokens can still be answered from the cache.
	cnt.hits.Store(0)
	for _, tok := range tokens {
		v.Validate(bg, tok)
	}
	if got := cnt.hits.Load(); got > size {
		t.Errorf("got %d cache hits, want at most %d (the bound)", got, size)
	}
}

func TestCacheCanBeDisabled(t *testing.T) {
	var cnt counters
	ten, v := setup(t, func(c *core.Config) {
		cnt.hooks(c)
		c.DisableCache = true
	})
	tok := ten.Token(audience)
	a, _ := v.Validate(bg, tok)
	b, _ := v.Validate(bg, tok)
	if a == nil || a == b || cnt.hits.Load()+cnt.misses.Load() != 0 {
		t.Error("the disabled cache was used")
	}
}

func TestCacheUnderConcurrency(t *testing.T) {
	ten, v := setup(t, func(c *core.Config) { c.CacheSize = 16 })
	tokens := make([]string, 40)
	for i := range tokens {
		tokens[i] = ten.Sign(ten.M2MClaims("client-"+itoa(i), audience))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				tok := tokens[(g*7+i)%len(tokens)]
				c, err := v.Validate(bg, tok)
				if err != nil {
					t.Errorf("Validate: %v", err)
					return
				}
				if want := "client-" + itoa((g*7+i)%len(tokens)); c.ClientID != want {
					t.Errorf("got claims of %s for the token of %s", c.ClientID, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
