package bench

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"github.com/revup/m2mauth/auth0test"
	"net/http"
	"sync"
	"testing"
	"time"
)

// hostile is a token every row should refuse, or accept where the row
// declares that it does not make the check concerned.
type hostile struct {
	name string
	// checked tells whether r makes the check that refuses the token.
	checked func(r row) bool
	token   func(fx *fixture) string
}

// always is every row's check but a bare framework's.
func always(r row) bool { return !r.bare }

func hostileTokens() []hostile {
	return []hostile{
		{"forged signature", always, forged},
		{"alg none", always, algNone},
		{"expired", func(r row) bool { return r.expiry }, expired},
		{"wrong issuer", func(r row) bool { return r.issuer }, wrongIssuer},
		{"wrong audience", func(r row) bool { return r.audience }, wrongAudience},
	}
}

// forged is signed by a key the tenant does not publish, under the kid
// of the one it does. The key is generated here: auth0test recycles a
// small pool of keys, so its unpublished keys may equal the signing key.
func forged(fx *fixture) string {
	forgerOnce.Do(func() {
		priv, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		forger = priv
	})
	k := &auth0test.Key{ID: fx.tenant.SigningKey().ID, Private: forger}
	return fx.tenant.SignWithKey(k, fx.tenant.M2MClaims("test-client", audience, scope))
}

var (
	forgerOnce sync.Once
	forger     *rsa.PrivateKey
)

func algNone(fx *fixture) string {
	enc := base64.RawURLEncoding.EncodeToString
	header := `{"alg":"none","typ":"JWT","kid":"` + fx.tenant.SigningKey().ID + `"}`
	claims := `{"iss":"` + fx.tenant.Issuer() + `","aud":"` + audience +
		`","sub":"x@clients","exp":4102444800}`
	return enc([]byte(header)) + "." + enc([]byte(claims)) + "."
}

func expired(fx *fixture) string {
	c := fx.tenant.M2MClaims("test-client", audience, scope)
	c["iat"] = time.Now().Add(-3 * time.Hour).Unix()
	c["exp"] = time.Now().Add(-2 * time.Hour).Unix()
	return fx.tenant.Sign(c)
}

func wrongIssuer(fx *fixture) string {
	c := fx.tenant.M2MClaims("test-client", audience, scope)
	c["iss"] = "https://someone-else.eu.auth0.com/"
	return fx.tenant.Sign(c)
}

func wrongAudience(fx *fixture) string {
	return fx.tenant.Sign(fx.tenant.M2MClaims("test-client", "https://other.api", scope))
}

// TestRows holds every benchmarked row to what it claims: it accepts the
// shared token, refuses the hostile ones it says it checks, and lets
// through those it says it cannot check, so that a peer's gap is a
// tested fact and a row that stopped validating cannot look fast.
func TestRows(t *testing.T) {
	fx := sharedFixture()
	for _, r := range inboundRows() {
		t.Run(r.name, func(t *testing.T) {
			if got := r.build(t, fx, "Bearer "+fx.token)(); got != http.StatusOK {
				t.Fatalf("shared token: got status %d, want 200", got)
			}
			for _, h := range hostileTokens() {
				got := r.build(t, fx, "Bearer "+h.token(fx))()
				switch refused := got != http.StatusOK; {
				case h.checked(r) && !refused:
					t.Errorf("%s: got status 200, want a refusal", h.name)
				case !h.checked(r) && refused:
					t.Errorf("%s: got status %d, want 200 from a row declared not to check it", h.name, got)
				}
			}
		})
	}
}
