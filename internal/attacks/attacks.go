// Package attacks builds the table of hostile and broken tokens that the
// core and every adapter must refuse, each case named after the attack or
// advisory it pins. The same table runs against core.Validator directly,
// through each framework over loopback, and seeds the fuzz targets.
package attacks

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
)

// Case is one request to make: the Authorization header value to send
// and the reason it must be refused with, or "" if it must be accepted.
type Case struct {
	Name          string
	Authorization string
	Reason        m2mauth.Reason
}

// Token returns the token the case sends, without the scheme, or the
// whole header value when it holds no scheme and space.
func (c Case) Token() string {
	if _, tok, ok := strings.Cut(c.Authorization, " "); ok {
		return tok
	}
	return c.Authorization
}

// Suite is the table for one issuer, with a hostile key server that
// tokens point at through jku, x5u and kid. Close it when done.
type Suite struct {
	Cases    []Case
	attacker *httptest.Server
	hits     atomic.Int64
}

// AttackerRequests counts requests that reached the hostile key server;
// a validator that follows jku, x5u or a URL in kid makes it non-zero.
func (s *Suite) AttackerRequests() int { return int(s.hits.Load()) }

// Close stops the hostile key server.
func (s *Suite) Close() { s.attacker.Close() }

// Target is what the table's tokens are made for.
type Target struct {
	// Issuer is the iss a validator expects, with its trailing slash.
	Issuer   string
	Audience string
	// Key is the published signing key; Evil is a key the issuer never
	// published.
	Key, Evil *auth0test.Key
	// Now is when the tokens are issued. Zero means time.Now().
	Now time.Time
}

// New builds the table for tokens of ten meant for audience. The
// validator under test must accept RS256 only, as by default, with the
// default leeway.
func New(ten *auth0test.Tenant, audience string) *Suite {
	return NewFor(Target{
		Issuer:   ten.Issuer(),
		Audience: audience,
		Key:      ten.SigningKey(),
		Evil:     ten.NewUnpublishedKey(),
	})
}

// NewFor builds the table for target, for issuers that are not an
// auth0test.Tenant, such as the fixed key set of the fuzz targets.
func NewFor(target Target) *Suite {
	s := &Suite{}
	s.attacker = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"keys": []any{target.Evil.JWK()}})
	}))
	now := target.Now
	if now.IsZero() {
		now = time.Now()
	}
	b := builder{
		iss: target.Issuer, aud: target.Audience, now: now,
		key: target.Key, evil: target.Evil, jku: s.attacker.URL,
	}
	for _, part := range [][]Case{
		b.accepted(), b.header(), b.shape(), b.algorithms(),
		b.signatures(), b.keys(), b.claims(), b.json(),
	} {
		s.Cases = append(s.Cases, part...)
	}
	return s
}

type builder struct {
	iss, aud  string
	now       time.Time
	key, evil *auth0test.Key
	jku       string
}

func bearer(tok string) string { return "Bearer " + tok }

// claims0 are the claims Auth0 puts in a client-credentials token.
func (b builder) claims0() auth0test.Claims {
	return auth0test.Claims{
		"iss":   b.iss,
		"sub":   "attack-client@clients",
		"aud":   b.aud,
		"iat":   b.now.Unix(),
		"exp":   b.now.Add(auth0test.DefaultLifetime).Unix(),
		"azp":   "attack-client",
		"gty":   "client-credentials",
		"scope": "read:messages",
	}
}

// with returns the default claims changed by edits; a nil value removes
// the claim.
func (b builder) with(edits map[string]any) auth0test.Claims {
	c := b.claims0()
	for k, v := range edits {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	return c
}

func (b builder) sign(header map[string]any, claims auth0test.Claims) string {
	return auth0test.SignRS256(b.key, header, claims)
}

// raw signs header and claims given as JSON text with the published key.
func (b builder) raw(header, claims string) string {
	return rawSign(b.key.Private, header, claims)
}

func (b builder) defaultHeader() string {
	return `{"alg":"RS256","typ":"JWT","kid":"` + b.key.ID + `"}`
}

func (b builder) defaultClaims() string {
	out, _ := json.Marshal(b.claims0())
	return string(out)
}

// base is the default claims but exp, as JSON members to build on.
func (b builder) base() string {
	return `"iss":"` + b.iss + `","aud":"` + b.aud + `","sub":"attack-client@clients"`
}

func (b builder) exp() string { return itoa(b.now.Add(time.Hour).Unix()) }

func rawSign(k *rsa.PrivateKey, header, claims string) string {
	input := enc(header) + "." + enc(claims)
	return input + "." + enc(string(pkcs1(k, crypto.SHA256, input)))
}

// pkcs1 signs input under RSASSA-PKCS1-v1_5 with hash h.
func pkcs1(k *rsa.PrivateKey, h crypto.Hash, input string) []byte {
	d := h.New()
	d.Write([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, h, d.Sum(nil))
	if err != nil {
		panic(err)
	}
	return sig
}

func enc(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func hs256(secret []byte, header string, claims string) string {
	input := enc(header) + "." + enc(claims)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(input))
	return input + "." + enc(string(m.Sum(nil)))
}

func split3(tok string) (string, string, string) {
	p := strings.SplitN(tok, ".", 3)
	return p[0], p[1], p[2]
}

func itoa(n int64) string {
	out, _ := json.Marshal(n)
	return string(out)
}
