package core

import (
	"hash/maphash"
	"strings"
	"sync"
	"time"
)

// tokenCache remembers tokens that verified, keyed by the whole token
// string: never a prefix or a hash alone, so two tokens can only share an
// entry by being equal. Its size is bounded however many distinct tokens
// arrive; only tokens that passed every check are ever stored.
type tokenCache struct {
	seed     maphash.Seed
	perShard int
	mask     uint64 // shards in use, minus one
	hooks    *Hooks
	shards   [cacheShards]cacheShard
}

// Sharding keeps readers on different cores off one lock's cache line.
// A cache smaller than cacheShards uses fewer shards, a power of two, so
// that the shards together never hold more than the configured size.
const cacheShards = 16

type cacheShard struct {
	mu sync.RWMutex
	m  map[string]cacheEntry
}

type cacheEntry struct {
	claims *Claims
	kid    string
	// until is the last instant the entry may be used: exp plus leeway.
	until time.Time
}

func newTokenCache(size int, hooks *Hooks) *tokenCache {
	size = max(size, 1)
	n := cacheShards
	for n > size {
		n /= 2
	}
	c := &tokenCache{
		seed:     maphash.MakeSeed(),
		perShard: size / n,
		mask:     uint64(n - 1),
		hooks:    hooks,
	}
	for i := range c.shards {
		c.shards[i].m = make(map[string]cacheEntry)
	}
	return c
}

// shard picks a token's shard from its last shardTail bytes, part of its
// signature. Only verified tokens are stored, and their signatures are
// the issuer's to make, so the tail spreads them as well as the whole
// token would, at a fraction of the cost of hashing a kilobyte. It only
// chooses a lock: entries are still keyed by the whole token.
func (c *tokenCache) shard(token string) *cacheShard {
	tail := token[max(0, len(token)-shardTail):]
	return &c.shards[maphash.String(c.seed, tail)&c.mask]
}

const shardTail = 32

// get returns the claims of token if it verified before and is still
// valid at now.
func (c *tokenCache) get(token string, now time.Time) *Claims {
	claims := c.lookup(token, now)
	if claims == nil {
		if h := c.hooks.CacheMiss; h != nil {
			h()
		}
		return nil
	}
	c.hit()
	return claims
}

// lookup is get without the hooks, for a caller that reports the hit
// itself and leaves a miss to get.
func (c *tokenCache) lookup(token string, now time.Time) *Claims {
	s := c.shard(token)
	s.mu.RLock()
	e, ok := s.m[token]
	s.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return nil
	}
	return e.claims
}

func (c *tokenCache) hit() {
	if h := c.hooks.CacheHit; h != nil {
		h()
	}
}

// evictionSample is how many entries a full shard looks at to find one
// to drop, preferring an expired one.
const evictionSample = 8

// put stores claims for token. The token is copied: a framework may hand
// us a string that aliases a buffer it reuses.
func (c *tokenCache) put(token string, claims *Claims, kid string, until time.Time, now time.Time) {
	s := c.shard(token)
	s.mu.Lock()
	evicted := 0
	if _, ok := s.m[token]; !ok && len(s.m) >= c.perShard {
		evicted = s.makeRoom(now)
	}
	s.m[strings.Clone(token)] = cacheEntry{claims: claims, kid: kid, until: until}
	s.mu.Unlock()
	if h := c.hooks.CacheEvicted; h != nil && evicted > 0 {
		h(evicted)
	}
}

// makeRoom drops the expired entries among a sample, or else the first
// entry sampled. Go's map iteration starts at a random place, which makes
// this random eviction at constant cost. It returns how many live
// entries it dropped.
func (s *cacheShard) makeRoom(now time.Time) int {
	var victim string
	seen, expired := 0, 0
	for tok, e := range s.m {
		if !now.Before(e.until) {
			delete(s.m, tok)
			expired++
		} else if victim == "" {
			victim = tok
		}
		if seen++; seen == evictionSample {
			break
		}
	}
	if expired > 0 {
		return 0
	}
	delete(s.m, victim)
	return 1
}

// dropKeys removes every entry verified under one of kids.
func (c *tokenCache) dropKeys(kids map[string]bool) {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		for tok, e := range s.m {
			if kids[e.kid] {
				delete(s.m, tok)
				n++
			}
		}
		s.mu.Unlock()
	}
	if h := c.hooks.CacheEvicted; h != nil && n > 0 {
		h(n)
	}
}

// len counts the entries, for tests.
func (c *tokenCache) len() int {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.RLock()
		n += len(s.m)
		s.mu.RUnlock()
	}
	return n
}
