package core_test

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/attacks"
)

// The fuzz targets verify against a fixed key set, so that every input
// the fuzzer saves reproduces on the next run: the keys are checked in
// (testdata/*.pem, test-only keys, published on purpose), the issuer is
// https://example.com/, which httptest's TLS client sends to a loopback
// server, and the clock stands still.
var (
	fixedNow      = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	fixedIssuer   = "https://example.com/"
	fixedAudience = "https://api.example.com"
	fixedKid      = "fixed-key-1"
)

// fixture is a validator of the fixed tenant and what it trusts.
type fixture struct {
	key  *auth0test.Key
	evil *auth0test.Key
	v    *core.Validator
	srv  *httptest.Server
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	fx := &fixture{
		key:  &auth0test.Key{ID: fixedKid, Private: readKey(tb, "testdata/fuzz-signing-key.pem")},
		evil: &auth0test.Key{ID: "unpublished-1", Private: readKey(tb, "testdata/fuzz-evil-key.pem")},
	}
	jwks, err := json.Marshal(map[string]any{"keys": []any{publicJWK(fx.key)}})
	if err != nil {
		tb.Fatal(err)
	}
	fx.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(jwks)
	}))
	tb.Cleanup(fx.srv.Close)
	fx.v, err = core.New(core.Config{
		Domain:     "example.com",
		Audience:   []string{fixedAudience},
		HTTPClient: fx.srv.Client(),
		Now:        func() time.Time { return fixedNow },
		Logger:     quiet,
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { fx.v.Close() })
	// Load the keys now, so that no input waits for them.
	if _, err := fx.v.Validate(bg, fx.token(nil)); err != nil {
		tb.Fatalf("the fixture refuses its own token: %v", err)
	}
	return fx
}

// token signs the fixed tenant's claims, changed by edits.
func (fx *fixture) token(edits map[string]any) string {
	c := auth0test.Claims{
		"iss": fixedIssuer, "sub": "fuzz-client@clients", "aud": fixedAudience,
		"iat": fixedNow.Unix(), "exp": fixedNow.Add(time.Hour).Unix(),
		"azp": "fuzz-client", "gty": "client-credentials", "scope": "read:messages",
	}
	for k, v := range edits {
		c[k] = v
	}
	return auth0test.SignRS256(fx.key, nil, c)
}

// attacks returns the attack table made for the fixed tenant.
func (fx *fixture) attacks(tb testing.TB) []attacks.Case {
	tb.Helper()
	suite := attacks.NewFor(attacks.Target{
		Issuer: fixedIssuer, Audience: fixedAudience,
		Key: fx.key, Evil: fx.evil, Now: fixedNow,
	})
	tb.Cleanup(suite.Close)
	return suite.Cases
}

func readKey(tb testing.TB, path string) *rsa.PrivateKey {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		tb.Fatalf("%s holds no PEM block", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		tb.Fatal(err)
	}
	return k.(*rsa.PrivateKey)
}

func publicJWK(k *auth0test.Key) map[string]any {
	pub := k.Private.PublicKey
	return map[string]any{
		"kty": "RSA", "use": "sig", "alg": "RS256", "kid": k.ID,
		"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}
}
