package adaptertest

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/revup/m2mauth/auth0test"
)

// tokens mints the tokens of the table from one tenant.
type tokens struct {
	ten *auth0test.Tenant
}

// claims returns valid M2M claims for Audience, changed by edit.
func (k tokens) claims(edit func(auth0test.Claims)) auth0test.Claims {
	c := k.ten.M2MClaims("test-client", Audience)
	if edit != nil {
		edit(c)
	}
	return c
}

func (k tokens) sign(edit func(auth0test.Claims)) string {
	return k.ten.Sign(k.claims(edit))
}

func (k tokens) valid() string { return k.sign(nil) }

func (k tokens) scoped() string {
	return k.sign(func(c auth0test.Claims) { c["scope"] = "openid " + Scope })
}

// rbac grants Scope through Auth0's permissions claim only.
func (k tokens) rbac() string {
	return k.sign(func(c auth0test.Claims) { c["permissions"] = []string{Scope} })
}

func (k tokens) expired() string {
	return k.sign(func(c auth0test.Claims) {
		c["iat"] = time.Now().Add(-2 * time.Hour).Unix()
		c["exp"] = time.Now().Add(-time.Hour).Unix()
	})
}

func (k tokens) notYetValid() string {
	return k.sign(func(c auth0test.Claims) { c["nbf"] = time.Now().Add(time.Hour).Unix() })
}

func (k tokens) wrongIssuer() string {
	return k.sign(func(c auth0test.Claims) { c["iss"] = "https://evil.example/" })
}

func (k tokens) wrongAudience() string {
	return k.sign(func(c auth0test.Claims) { c["aud"] = "https://other.example" })
}

// badSignature changes one character in the middle of a valid
// signature, which keeps it well-formed base64url of the right length.
func (k tokens) badSignature() string {
	b := []byte(k.valid())
	i := len(b) - 40
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func (k tokens) unknownKid() string {
	return auth0test.SignRS256(k.ten.SigningKey(), map[string]any{"kid": "no-such-key"}, k.claims(nil))
}

// algNone is the unsigned token of CVE-2015-9235: alg "none" and an
// empty signature.
func (k tokens) algNone() string {
	header := map[string]any{"alg": "none", "typ": "JWT", "kid": k.ten.SigningKey().ID}
	return segment(header) + "." + segment(k.claims(nil)) + "."
}

// hs256 is the algorithm confusion attack: HMAC keyed with the bytes of
// the tenant's public RSA key, which a validator trusting alg would
// accept.
func (k tokens) hs256() string {
	key := k.ten.SigningKey()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims(k.claims(nil)))
	tok.Header["kid"] = key.ID
	s, err := tok.SignedString(key.Private.PublicKey.N.Bytes())
	if err != nil {
		panic("adaptertest: signing an HS256 token: " + err.Error())
	}
	return s
}

func segment(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("adaptertest: encoding a token segment: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
