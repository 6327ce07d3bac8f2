package core_test

import (
	"errors"
	"testing"

	"github.com/revup/m2mauth"
)

// TestAuthorizationCacheHitKeepsBearerRules pins the shortcut of
// ValidateAuthorization, which looks a token up in the cache before
// scanning its alphabet: a header around a cached token is accepted or
// refused exactly as BearerToken rules, and the hooks count a hit only
// for a header that is accepted.
func TestAuthorizationCacheHitKeepsBearerRules(t *testing.T) {
	var cnt counters
	ten, v := setup(t, cnt.hooks)
	tok := ten.Token(audience)
	if _, err := v.Validate(bg, tok); err != nil {
		t.Fatal(err)
	}
	cnt.hits.Store(0)
	cnt.misses.Store(0)

	tests := []struct {
		header string
		want   error
	}{
		{"Bearer " + tok, nil},
		{"bearer " + tok, nil},
		{"BEARER   " + tok, nil},
		{"Bearer " + tok + "=", m2mauth.ErrTokenMalformed},
		{"Bearer " + tok + " ", m2mauth.ErrTokenMalformed},
		{"Bearer " + tok + "\n", m2mauth.ErrTokenMalformed},
		{"Bearer\t" + tok, m2mauth.ErrTokenMalformed},
		{"Basic " + tok, m2mauth.ErrTokenMalformed},
		{"Bearer" + tok, m2mauth.ErrTokenMalformed},
		{" Bearer " + tok, m2mauth.ErrTokenMalformed},
	}
	accepted := 0
	for _, tt := range tests {
		c, err := v.ValidateAuthorization(bg, tt.header)
		if !errors.Is(err, tt.want) || (err == nil) != (c != nil) {
			t.Errorf("ValidateAuthorization(%.20q...) = %v; want %v", tt.header, err, tt.want)
		}
		if err == nil {
			accepted++
		}
	}
	if got := cnt.hits.Load(); got != int64(accepted) {
		t.Errorf("got %d cache hits, want %d, one per accepted header", got, accepted)
	}
	// A header refused for its form never reaches the cache as a miss:
	// only "tok=" passes BearerToken, then fails as a JWS.
	if got := cnt.misses.Load(); got != 1 {
		t.Errorf("got %d cache misses, want 1", got)
	}
}
