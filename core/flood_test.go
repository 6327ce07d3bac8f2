package core_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/revup/m2mauth"
)

// floodBound is how much the live heap may grow over a whole flood. It
// measures close to nothing; the bound leaves room for noise and still
// catches anything kept per refused token or kid: 100 bytes kept for
// each of 20,000 tokens comes to 2 MB, and a token alone is 600 bytes.
const floodBound = 2 << 20

// TestMemoryBoundedUnderFloods sends floods of refused tokens, each
// distinct so that nothing keyed by token or kid can be shared, and
// checks after a GC that the validator kept none of them and made no
// more than one key fetch per refetch interval.
func TestMemoryBoundedUnderFloods(t *testing.T) {
	tests := []struct {
		name string
		n    int
		// token returns the i-th token of the flood, from the header and
		// claims of a valid token and its signature.
		token func(i int, h, p, sig string) string
		want  error
	}{
		{"unknown kids", 20000, func(i int, _, p, sig string) string {
			return enc(`{"alg":"RS256","typ":"JWT","kid":"flood-`+strconv.Itoa(i)+`"}`) + "." + p + "." + sig
		}, m2mauth.ErrKeyUnknown},
		{"distinct audiences", 20000, func(i int, h, p, sig string) string {
			return h + "." + withClaim(p, "aud", "https://flood-"+strconv.Itoa(i)+".example") + "." + sig
		}, m2mauth.ErrAudienceInvalid},
		// Each of these costs a signature verification: fewer of them.
		{"distinct bad signatures", 3000, func(i int, h, p, sig string) string {
			return h + "." + withClaim(p, "jti", "flood-"+strconv.Itoa(i)) + "." + sig
		}, m2mauth.ErrSignatureInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ten, v := setup(t, nil)
			good := ten.Token(audience)
			if _, err := v.Validate(bg, good); err != nil {
				t.Fatal(err)
			}
			h, p, sig := split(good)
			before := liveHeap()
			for i := range tt.n {
				_, err := v.Validate(bg, tt.token(i, h, p, sig))
				if !errors.Is(err, tt.want) {
					t.Fatalf("token %d: got %v, want %v", i, err, tt.want)
				}
			}
			grown := int64(liveHeap()) - int64(before)
			if grown > floodBound {
				t.Errorf("live heap grew by %d bytes over %d refused tokens, want at most %d", grown, tt.n, floodBound)
			}
			if n := ten.JWKSRequests(); n > 2 {
				t.Errorf("got %d key set requests, want at most 2", n)
			}
			runtime.KeepAlive(v)
		})
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func split(tok string) (h, p, sig string) {
	parts := strings.SplitN(tok, ".", 3)
	return parts[0], parts[1], parts[2]
}

// withClaim returns the base64url claims p with name set to value.
func withClaim(p, name string, value any) string {
	raw, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		panic(err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		panic(err)
	}
	c[name] = value
	out, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	return enc(string(out))
}
