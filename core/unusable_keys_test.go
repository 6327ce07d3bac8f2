package core_test

import (
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/revup/m2mauth/core"
)

// TestUnusableKeySetDoesNotDisplaceHeldKeys pins a defect FuzzParseKeySet
// found: a key set whose only RSA keys crypto/rsa cannot verify with (an
// even modulus, an exponent past 2^31-1) counted as usable, replaced the
// keys held, and made every token under them unknown_key. Such a set
// must fail like an empty one and leave the held keys in use.
func TestUnusableKeySetDoesNotDisplaceHeldKeys(t *testing.T) {
	clk := newClock()
	var fetches atomic.Int64
	ten, v := setup(t, func(c *core.Config) {
		c.Now = clk.Now
		c.DisableCache = true
		c.Hooks.KeysFetched = func(core.KeysFetch) { fetches.Add(1) }
	})
	tok := ten.Token(audience)
	if _, err := v.Validate(bg, tok); err != nil {
		t.Fatal(err)
	}

	n := ten.SigningKey().Private.N
	b64 := base64.RawURLEncoding.EncodeToString
	unusable, _ := json.Marshal(map[string]any{"keys": []any{
		map[string]any{"kty": "RSA", "kid": "even", "e": "AQAB", "n": b64(new(big.Int).SetBit(n, 0, 0).Bytes())},
		map[string]any{"kty": "RSA", "kid": "huge-e", "e": "_____w", "n": b64(n.Bytes())},
	}})
	ten.SetJWKSHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(unusable)
	}))

	clk.Advance(core.DefaultKeyRefreshInterval)
	if _, err := v.Validate(bg, tok); err != nil {
		t.Fatalf("while the refresh runs: %v", err)
	}
	waitFor(t, func() bool { return fetches.Load() == 2 })
	if _, err := v.Validate(bg, tok); err != nil {
		t.Fatalf("after a key set of unusable keys: got %v, want the held key still in use", err)
	}
}
