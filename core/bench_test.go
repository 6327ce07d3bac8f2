package core_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/revup/m2mauth/core"
)

// BenchmarkFloor is the cost no RS256 validator can go below: SHA-256 of
// the signing input and one RSA-2048 public-key operation.
func BenchmarkFloor(b *testing.B) {
	ten, _ := setup(b, nil)
	tok := ten.Token(audience)
	pub := &ten.SigningKey().Private.PublicKey
	dot := strings.LastIndexByte(tok, '.')
	sig, _ := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	b.ReportAllocs()
	for b.Loop() {
		sum := sha256.Sum256([]byte(tok[:dot]))
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateFirstSeen verifies the token in full on every call, as
// for a token the validator has not seen before.
func BenchmarkValidateFirstSeen(b *testing.B) {
	ten, v := setup(b, func(c *core.Config) { c.DisableCache = true })
	tok := ten.Token(audience, "read:messages")
	if _, err := v.Validate(bg, tok); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Validate(bg, tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateRepeated answers from the verified-token cache, as for
// an M2M caller that sends the same token for its whole life.
func BenchmarkValidateRepeated(b *testing.B) {
	ten, v := setup(b, nil)
	tok := ten.Token(audience, "read:messages")
	if _, err := v.Validate(bg, tok); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := v.Validate(bg, tok); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRejectExpired shows that a token refused on its claims costs
// no signature verification.
func BenchmarkRejectExpired(b *testing.B) {
	ten, v := setup(b, nil)
	claims := ten.M2MClaims("c", audience)
	claims["exp"] = 1
	tok := ten.Sign(claims)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Validate(bg, tok); err == nil {
			b.Fatal("expired token accepted")
		}
	}
}
