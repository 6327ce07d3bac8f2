package bench

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/revup/m2mauth/core"
)

// floorRows holds the cost the issue defines as the floor, which no
// RS256 validator can go below: SHA-256 of the signing input and one
// RSA-2048 public-key operation, with the key in hand, the signature
// decoded beforehand and nothing parsed.
func floorRows() []row {
	return []row{{name: "floor", build: buildFloor}}
}

func buildFloor(tb testing.TB, fx *fixture, authorization string) func() int {
	token := strings.TrimPrefix(authorization, "Bearer ")
	dot := strings.LastIndexByte(token, '.')
	sig, err := base64.RawURLEncoding.DecodeString(token[dot+1:])
	if dot < 0 || err != nil {
		return func() int { return http.StatusUnauthorized }
	}
	input := token[:dot]
	return func() int {
		sum := sha256.Sum256([]byte(input))
		if rsa.VerifyPKCS1v15(fx.pub, crypto.SHA256, sum[:], sig) != nil {
			return http.StatusUnauthorized
		}
		return http.StatusOK
	}
}

// coreRows measure the validator alone: a token seen for the first time
// (the cache off, so that every call verifies the signature), the same
// token again, as an M2M caller sends it for its whole life, and the
// same again given as the Authorization header's value.
func coreRows() []row {
	return []row{
		{
			name: "core/first-seen", expiry: true, issuer: true, audience: true,
			build: checker(newCore(true)),
		},
		{
			name: "core/repeated", expiry: true, issuer: true, audience: true,
			build: checker(newCore(false)),
		},
		{
			name: "core/repeated-header", expiry: true, issuer: true, audience: true,
			build: buildCoreHeader,
		},
	}
}

// buildCoreHeader is the core as every adapter calls it: with the whole
// Authorization header value, which it parses first.
func buildCoreHeader(tb testing.TB, fx *fixture, authorization string) func() int {
	v := fx.validator(tb, nil)
	return func() int {
		if _, err := v.ValidateAuthorization(bg, authorization); err != nil {
			return http.StatusUnauthorized
		}
		return http.StatusOK
	}
}

func newCore(disableCache bool) func(testing.TB, *fixture) func(string) error {
	return func(tb testing.TB, fx *fixture) func(string) error {
		v := fx.validator(tb, func(c *core.Config) { c.DisableCache = disableCache })
		return func(token string) error {
			_, err := v.Validate(bg, token)
			return err
		}
	}
}
