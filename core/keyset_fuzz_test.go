package core

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
)

// FuzzParseKeySet feeds key set documents to the parser. It must never
// panic, and every key it returns must be one that crypto/rsa can verify
// with and that our bounds allow, so that a set of unusable keys can
// never displace the keys held.
func FuzzParseKeySet(f *testing.F) {
	for _, seed := range keySetSeeds(fixedPublicKey(f)) {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		keys, err := parseKeySet(body)
		if err != nil {
			if keys != nil {
				t.Fatal("an error came with keys")
			}
			return
		}
		if !json.Valid(body) {
			t.Fatalf("accepted invalid JSON %q", body)
		}
		if len(keys) == 0 {
			t.Fatal("accepted a set with no key")
		}
		for kid, pub := range keys {
			if why := unusable(kid, pub); why != "" {
				t.Fatalf("kid %q: accepted %s", kid, why)
			}
		}
	})
}

// unusable says why crypto/rsa or our bounds would refuse pub, or "".
func unusable(kid string, pub *rsa.PublicKey) string {
	switch {
	case kid == "" || pub == nil:
		return "an empty kid or a nil key"
	case pub.N.BitLen() < minRSABits || pub.N.BitLen() > maxRSABits:
		return fmt.Sprintf("a %d-bit modulus", pub.N.BitLen())
	case pub.N.Bit(0) == 0:
		return "an even modulus"
	case pub.E < 3 || pub.E%2 == 0 || pub.E > 1<<31-1:
		return fmt.Sprintf("exponent %d", pub.E)
	}
	return ""
}

func fixedPublicKey(tb testing.TB) *rsa.PublicKey {
	tb.Helper()
	raw, err := os.ReadFile("testdata/fuzz-signing-key.pem")
	if err != nil {
		tb.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		tb.Fatal("no PEM block in the fixture key")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		tb.Fatal(err)
	}
	return &k.(*rsa.PrivateKey).PublicKey
}

// keySetSeeds are an Auth0 key set and the broken and hostile sets that
// key set parsers are known to mishandle.
func keySetSeeds(pub *rsa.PublicKey) []string {
	b64 := base64.RawURLEncoding.EncodeToString
	n := b64(pub.N.Bytes())
	even := new(big.Int).SetBit(pub.N, 0, 0)
	weak := new(big.Int).Rsh(pub.N, 1024)
	jwk := func(members string) string {
		return `{"kty":"RSA","kid":"k1","n":"` + n + `","e":"AQAB"` + members + `}`
	}
	set := func(entries ...string) string { return `{"keys":[` + strings.Join(entries, ",") + `]}` }
	auth0 := jwk(`,"use":"sig","alg":"RS256","x5t":"aGVsbG8","x5c":["MIIC"]`)
	return []string{
		set(auth0),
		set(auth0, strings.Replace(jwk(""), `"k1"`, `"k2"`, 1)),
		set(jwk(""), jwk("")), // one kid twice
		set(`{"kty":"RSA","kid":"k1","n":"` + b64(weak.Bytes()) + `","e":"AQAB"}`),
		set(`{"kty":"RSA","kid":"k1","n":"` + b64(even.Bytes()) + `","e":"AQAB"}`),
		set(`{"kty":"RSA","kid":"k1","n":"AA` + n + `","e":"AQAB"}`),
		set(`{"kty":"RSA","kid":"k1","n":"` + n + `","e":"Ag"}`),
		set(`{"kty":"RSA","kid":"k1","n":"` + n + `","e":"AQ"}`),
		set(`{"kty":"RSA","kid":"k1","n":"` + n + `","e":"_____w"}`),
		set(`{"kty":"RSA","kid":"k1","n":"` + n + `","e":"AQAB=="}`),
		set(`{"kty":"RSA","kid":"k1","n":"` + strings.NewReplacer("-", "+", "_", "/").Replace(n) + `","e":"AQAB"}`),
		set(`{"kty":"RSA","kid":"k1","n":12,"e":"AQAB"}`),
		set(strings.Replace(jwk(""), `"RSA"`, `"rsa"`, 1)),
		set(jwk(`,"use":"enc"`)), set(jwk(`,"alg":"HS256"`)), set(jwk(`,"alg":"none"`)),
		set(strings.Replace(jwk(""), `"kid":"k1",`, ``, 1)),
		set(strings.Replace(jwk(""), `"kid":"k1"`, `"kid":""`, 1)),
		set(strings.Replace(jwk(""), `"kid":"k1"`, `"kid":7`, 1)),
		set(`{"kty":"oct","kid":"k1","k":"c2VjcmV0"}`),
		set(`{"kty":"EC","crv":"P-256","kid":"k1","x":"AA","y":"AA"}`),
		`{"keys":null}`, `{"keys":{}}`, `{"keys":"x"}`, `{"keys":[],"keys":[]}`,
		`{"keys":[` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `]}`,
		`{"keys":[{"kty":"RSA","x":1e999}]}`,
		"\ufeff" + set(auth0), set(auth0) + "{}", "", "null", "[]", "{}",
		`<html>hello</html>`,
	}
}
