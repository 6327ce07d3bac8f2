package core_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

func TestKeySetWithOtherKeyTypes(t *testing.T) {
	ten, v := setup(t, nil)
	ten.AddJWK(map[string]any{"kty": "EC", "crv": "P-256", "kid": "ec-1", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uE8a-Q84", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})
	ten.AddJWK(map[string]any{"kty": "oct", "kid": "hmac-1", "k": "c2VjcmV0"})
	ten.AddJWK(map[string]any{"kty": "OKP", "crv": "Ed25519", "kid": "ed-1", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})
	k := ten.NewUnpublishedKey().JWK()
	k["use"] = "enc"
	ten.AddJWK(k)
	ten.AddJWK(map[string]any{"kty": "RSA", "kid": "broken", "n": 12, "e": "AQAB"})
	if _, err := v.Validate(bg, ten.Token(audience)); err != nil {
		t.Fatalf("RS256 token beside foreign keys: %v", err)
	}
}

func TestKeySetEncryptionKeyIsNotUsedToVerify(t *testing.T) {
	ten, v := setup(t, nil)
	enc := ten.NewUnpublishedKey()
	jwk := enc.JWK()
	jwk["use"] = "enc"
	ten.AddJWK(jwk)
	v.Validate(bg, ten.Token(audience))
	tok := ten.SignWithKey(enc, ten.M2MClaims("c", audience))
	if _, err := v.Validate(bg, tok); !errors.Is(err, m2mauth.ErrKeyUnknown) {
		t.Fatalf("got %v, want ErrKeyUnknown for a key published for encryption", err)
	}
}

func TestKeySetRefusesWeakAndDuplicateKeys(t *testing.T) {
	ten, v := setup(t, nil)
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ten.AddJWK(map[string]any{
		"kty": "RSA", "kid": "weak",
		"n": base64.RawURLEncoding.EncodeToString(weak.N.Bytes()), "e": "AQAB",
	})
	dup := ten.NewUnpublishedKey().JWK()
	dup["kid"] = ten.SigningKey().ID
	v.Validate(bg, ten.Token(audience))
	ten.AddJWK(dup)
	v2, err := core.New(core.Config{Domain: ten.Domain(), Audience: []string{audience}, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	// Two keys under one kid: neither is trusted.
	if _, err := v2.Validate(bg, ten.Token(audience)); err == nil {
		t.Fatal("a kid published twice was trusted")
	}
}

func TestKeySetFaults(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"garbage 200", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>hello</html>")) }},
		{"empty set", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"keys":[]}`)) }},
		{"no keys member", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{}`)) }},
		{"duplicate keys member", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"keys":[],"keys":[]}`)) }},
		{"huge body", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"keys":[` + strings.Repeat(`{"kty":"oct"},`, 100000) + `]}`))
		}},
		{"redirect elsewhere", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/keys", http.StatusFound)
		}},
		{"server error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			ten, v := setup(t, func(c *core.Config) { c.Now = clk.Now })
			ten.SetJWKSHandler(tt.handler)
			tok := ten.Token(audience)
			_, err := v.Validate(bg, tok)
			if !errors.Is(err, m2mauth.ErrKeysUnavailable) {
				t.Fatalf("got %v, want ErrKeysUnavailable", err)
			}
			// Without keys, a fetch is retried every second, not every request.
			_, err = v.Validate(bg, tok)
			if !errors.Is(err, m2mauth.ErrKeysUnavailable) || ten.JWKSRequests() != 1 {
				t.Fatalf("got %v after %d fetches, want ErrKeysUnavailable after 1", err, ten.JWKSRequests())
			}
			ten.SetJWKSHandler(nil)
			clk.Advance(time.Second)
			if _, err := v.Validate(bg, tok); err != nil {
				t.Fatalf("after the tenant recovered: %v", err)
			}
		})
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	var hits int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer other.Close()
	ten, v := setup(t, nil)
	ten.SetJWKSHandler(http.RedirectHandler(other.URL+"/.well-known/jwks.json", http.StatusFound))
	if _, err := v.Validate(bg, ten.Token(audience)); !errors.Is(err, m2mauth.ErrKeysUnavailable) {
		t.Fatalf("got %v, want ErrKeysUnavailable", err)
	}
	if hits != 0 {
		t.Errorf("the redirect was followed %d times", hits)
	}
}
