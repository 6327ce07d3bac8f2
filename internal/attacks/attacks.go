// Package attacks builds the table of hostile and broken tokens that the
// core and every adapter must refuse, each case named after the attack or
// advisory it pins. The same table runs against core.Validator directly
// and through each framework over loopback.
package attacks

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
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

// Suite is the table for one tenant, with a hostile key server that tokens
// point at through jku and x5u. Close it when done.
type Suite struct {
	Cases    []Case
	attacker *httptest.Server
	hits     atomic.Int64
}

// AttackerRequests counts requests that reached the hostile key server;
// a validator that follows jku or x5u would make it non-zero.
func (s *Suite) AttackerRequests() int { return int(s.hits.Load()) }

// Close stops the hostile key server.
func (s *Suite) Close() { s.attacker.Close() }

// New builds the table for tokens of ten meant for audience. The tenant
// must publish its signing key and accept RS256 only, as by default.
func New(ten *auth0test.Tenant, audience string) *Suite {
	s := &Suite{}
	evil := ten.NewUnpublishedKey()
	s.attacker = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"keys": []any{evil.JWK()}})
	}))
	b := builder{ten: ten, key: ten.SigningKey(), evil: evil, aud: audience, jku: s.attacker.URL}
	s.Cases = append(s.Cases, b.accepted()...)
	s.Cases = append(s.Cases, b.header()...)
	s.Cases = append(s.Cases, b.shape()...)
	s.Cases = append(s.Cases, b.algorithms()...)
	s.Cases = append(s.Cases, b.keys()...)
	s.Cases = append(s.Cases, b.claims()...)
	s.Cases = append(s.Cases, b.json()...)
	return s
}

type builder struct {
	ten  *auth0test.Tenant
	key  *auth0test.Key
	evil *auth0test.Key
	aud  string
	jku  string
}

func bearer(tok string) string { return "Bearer " + tok }

func (b builder) claims0() auth0test.Claims {
	return b.ten.M2MClaims("attack-client", b.aud, "read:messages")
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

// raw signs header and claims given as JSON text with the tenant's key.
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

func rawSign(k *rsa.PrivateKey, header, claims string) string {
	input := enc(header) + "." + enc(claims)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return input + "." + enc(string(sig))
}

func enc(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func hs256(secret []byte, header string, claims string) string {
	input := enc(header) + "." + enc(claims)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(input))
	return input + "." + enc(string(m.Sum(nil)))
}

func (b builder) accepted() []Case {
	return []Case{
		{"valid Auth0 M2M token", bearer(b.sign(nil, b.claims0())), ""},
		{"lower-case bearer scheme", "bearer " + b.sign(nil, b.claims0()), ""},
		{"typ at+jwt (RFC 9068)", bearer(b.sign(map[string]any{"typ": "at+jwt"}, b.claims0())), ""},
		{"typ application/at+jwt", bearer(b.sign(map[string]any{"typ": "application/at+jwt"}, b.claims0())), ""},
		{"no typ at all", bearer(b.sign(map[string]any{"typ": nil}, b.claims0())), ""},
		{"aud as array naming us", bearer(b.sign(nil, b.with(map[string]any{"aud": []string{"https://other", b.aud}}))), ""},
		{"exp just past, within leeway", bearer(b.sign(nil, b.with(map[string]any{"exp": time.Now().Add(-5 * time.Second).Unix()}))), ""},
		{"fractional exp (RFC 7519 NumericDate)", bearer(b.sign(nil, b.with(map[string]any{"exp": float64(time.Now().Add(time.Hour).Unix()) + 0.5}))), ""},
	}
}

func (b builder) header() []Case {
	c := b.defaultClaims()
	kid := b.key.ID
	return []Case{
		{"RFC 7515 crit with unknown extension", bearer(b.sign(map[string]any{"crit": []string{"urn:example:ext"}, "urn:example:ext": true}, b.claims0())), m2mauth.ReasonMalformed},
		{"RFC 7797 crit b64 false", bearer(b.sign(map[string]any{"crit": []string{"b64"}, "b64": false}, b.claims0())), m2mauth.ReasonMalformed},
		{"crit naming a registered header", bearer(b.sign(map[string]any{"crit": []string{"exp"}}, b.claims0())), m2mauth.ReasonMalformed},
		{"empty crit array", bearer(b.sign(map[string]any{"crit": []string{}}, b.claims0())), m2mauth.ReasonMalformed},
		{"missing kid", bearer(b.sign(map[string]any{"kid": nil}, b.claims0())), m2mauth.ReasonMalformed},
		{"empty kid", bearer(b.sign(map[string]any{"kid": ""}, b.claims0())), m2mauth.ReasonMalformed},
		{"kid as a number", bearer(b.raw(`{"alg":"RS256","kid":1}`, c)), m2mauth.ReasonMalformed},
		{"missing alg", bearer(b.raw(`{"typ":"JWT","kid":"`+kid+`"}`, c)), m2mauth.ReasonMalformed},
		{"typ of a logout token", bearer(b.sign(map[string]any{"typ": "logout+jwt"}, b.claims0())), m2mauth.ReasonMalformed},
		{"typ of a DPoP proof", bearer(b.sign(map[string]any{"typ": "dpop+jwt"}, b.claims0())), m2mauth.ReasonMalformed},
		{"typ JWE", bearer(b.sign(map[string]any{"typ": "JWE"}, b.claims0())), m2mauth.ReasonMalformed},
		{"header enc claims JWE", bearer(b.sign(map[string]any{"enc": "A256GCM"}, b.claims0())), m2mauth.ReasonMalformed},
		{"header zip", bearer(b.sign(map[string]any{"zip": "DEF"}, b.claims0())), m2mauth.ReasonMalformed},
		{"duplicate alg in header (last none)", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","alg":"none"}`, c)), m2mauth.ReasonMalformed},
		{"duplicate kid in header", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","kid":"other"}`, c)), m2mauth.ReasonMalformed},
		{"duplicate alg spelled with an escape", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","\u0061lg":"HS256"}`, c)), m2mauth.ReasonMalformed},
		{"header is a JSON array", bearer(b.raw(`["RS256"]`, c)), m2mauth.ReasonMalformed},
		{"header with trailing data", bearer(b.raw(b.defaultHeader()+`{}`, c)), m2mauth.ReasonMalformed},
	}
}

func (b builder) shape() []Case {
	good := b.sign(nil, b.claims0())
	h, p, s := split3(good)
	long := b.sign(nil, b.with(map[string]any{"pad": strings.Repeat("A", 9000)}))
	return []Case{
		{"empty bearer token", "Bearer ", m2mauth.ReasonMalformed},
		{"scheme only", "Bearer", m2mauth.ReasonMalformed},
		{"basic scheme", "Basic dXNlcjpwYXNz", m2mauth.ReasonMalformed},
		{"token without scheme", good, m2mauth.ReasonMalformed},
		{"garbage token", bearer("not-a-jwt"), m2mauth.ReasonMalformed},
		{"two segments (unsigned JWT)", bearer(h + "." + p), m2mauth.ReasonMalformed},
		{"two segments and a trailing dot, empty signature", bearer(h + "." + p + "."), m2mauth.ReasonMalformed},
		{"four segments", bearer(good + "." + s), m2mauth.ReasonMalformed},
		{"JWE compact serialization (five segments)", bearer(h + "." + p + "." + s + "." + s + "." + s), m2mauth.ReasonMalformed},
		{"base64 padding on the signature", bearer(good + "=="), m2mauth.ReasonMalformed},
		{"standard base64 alphabet in signature", bearer(h + "." + p + "." + strings.NewReplacer("-", "+", "_", "/").Replace(s)), stdAlphabetReason(s)},
		{"altered unused bits in signature (CVE-2022-24771 class)", bearer(h + "." + p + "." + flipUnusedBits(s)), m2mauth.ReasonMalformed},
		{"newline inside the token", bearer(h + "." + p[:10] + "\n" + p[10:] + "." + s), m2mauth.ReasonMalformed},
		{"space inside the token", bearer(h + ". " + p + "." + s), m2mauth.ReasonMalformed},
		{"JSON serialization instead of compact", bearer(`{"payload":"` + p + `"}`), m2mauth.ReasonMalformed},
		{"oversized token", bearer(long), m2mauth.ReasonMalformed},
		{"trailing garbage after token", bearer(good + " extra"), m2mauth.ReasonMalformed},
	}
}

// stdAlphabetReason: a signature that happens to hold neither - nor _
// reads the same in both alphabets and stays valid.
func stdAlphabetReason(sig string) m2mauth.Reason {
	if strings.ContainsAny(sig, "-_") {
		return m2mauth.ReasonMalformed
	}
	return ""
}

// flipUnusedBits changes the last character of an unpadded segment so
// that only bits the decoder discards differ.
func flipUnusedBits(seg string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, seg[len(seg)-1])
	switch len(seg) % 4 {
	case 2, 3:
	default:
		// A 2048-bit signature is 342 characters, 2 mod 4; other sizes
		// get a padding bit flipped into an invalid length instead.
		return seg + "A"
	}
	// With 2 or 3 characters in the last group, the lowest bit of the
	// last one is always among the bits the decoder drops.
	return seg[:len(seg)-1] + string(alphabet[last^1])
}

func split3(tok string) (string, string, string) {
	p := strings.SplitN(tok, ".", 3)
	return p[0], p[1], p[2]
}

func (b builder) algorithms() []Case {
	c := b.defaultClaims()
	kid := b.key.ID
	pubDER, _ := x509.MarshalPKIXPublicKey(&b.key.Private.PublicKey)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	pkcs1 := x509.MarshalPKCS1PublicKey(&b.key.Private.PublicKey)
	good := b.sign(nil, b.claims0())
	_, _, sig := split3(good)
	unsigned := func(alg string) string {
		return enc(`{"alg":"`+alg+`","typ":"JWT","kid":"`+kid+`"}`) + "." + enc(c) + "."
	}
	withSig := func(alg string) string {
		return enc(`{"alg":"`+alg+`","typ":"JWT","kid":"`+kid+`"}`) + "." + enc(c) + "." + sig
	}
	hdr := func(alg string) string { return `{"alg":"` + alg + `","typ":"JWT","kid":"` + kid + `"}` }
	return []Case{
		{"alg none, empty signature (CVE-2015-9235)", bearer(unsigned("none")), m2mauth.ReasonMalformed},
		{"alg none with a signature", bearer(withSig("none")), m2mauth.ReasonAlgorithm},
		{"alg None", bearer(withSig("None")), m2mauth.ReasonAlgorithm},
		{"alg NONE", bearer(withSig("NONE")), m2mauth.ReasonAlgorithm},
		{"alg nOnE", bearer(withSig("nOnE")), m2mauth.ReasonAlgorithm},
		{"alg rs256 lower case", bearer(withSig("rs256")), m2mauth.ReasonAlgorithm},
		{"alg empty", bearer(withSig("")), m2mauth.ReasonAlgorithm},
		{"HS256 keyed with the public key PEM (CVE-2016-10555)", bearer(hs256(pubPEM, hdr("HS256"), c)), m2mauth.ReasonAlgorithm},
		{"HS256 keyed with the public key DER", bearer(hs256(pubDER, hdr("HS256"), c)), m2mauth.ReasonAlgorithm},
		{"HS256 keyed with the PKCS1 public key", bearer(hs256(pkcs1, hdr("HS256"), c)), m2mauth.ReasonAlgorithm},
		{"HS384 keyed with the modulus", bearer(hs256(b.key.Private.N.Bytes(), hdr("HS384"), c)), m2mauth.ReasonAlgorithm},
		{"HS512", bearer(hs256(pubPEM, hdr("HS512"), c)), m2mauth.ReasonAlgorithm},
		{"ES256 on an RSA key (CVE-2022-21449 class)", bearer(withSig("ES256")), m2mauth.ReasonAlgorithm},
		{"EdDSA", bearer(withSig("EdDSA")), m2mauth.ReasonAlgorithm},
		{"PS256 not in the configuration", bearer(withSig("PS256")), m2mauth.ReasonAlgorithm},
		{"RS384 not in the configuration", bearer(withSig("RS384")), m2mauth.ReasonAlgorithm},
		{"RS256 with whitespace", bearer(withSig("RS256 ")), m2mauth.ReasonAlgorithm},
		{"alg as an array", bearer(b.raw(`{"alg":["RS256"],"kid":"`+kid+`"}`, c)), m2mauth.ReasonMalformed},
	}
}

func (b builder) keys() []Case {
	good := b.sign(nil, b.claims0())
	h, p, _ := split3(good)
	evilSigned := auth0test.SignRS256(b.evil, map[string]any{"kid": b.key.ID}, b.claims0())
	_, _, evilSig := split3(evilSigned)
	jwk := b.evil.JWK()
	x5c := jwk["x5c"]
	delete(jwk, "x5c")
	c := b.claims0()
	_, _, goodSig := split3(good)
	sigBytes, _ := base64.RawURLEncoding.DecodeString(goodSig)
	tampered, _ := json.Marshal(b.with(map[string]any{"scope": "read:messages admin"}))
	return []Case{
		{"signature from another key under our kid", bearer(evilSigned), m2mauth.ReasonBadSignature},
		{"tampered claims keep the old signature", bearer(h + "." + enc(string(tampered)) + "." + goodSig), m2mauth.ReasonBadSignature},
		{"signature of a different token", bearer(h + "." + p + "." + evilSig), m2mauth.ReasonBadSignature},
		{"truncated signature", bearer(h + "." + p + "." + enc(string(sigBytes[:len(sigBytes)-3]))), m2mauth.ReasonBadSignature},
		{"signature with a byte appended", bearer(h + "." + p + "." + enc(string(append(sigBytes, 0)))), m2mauth.ReasonBadSignature},
		{"unknown kid", bearer(auth0test.SignRS256(b.evil, nil, c)), m2mauth.ReasonUnknownKey},
		{"kid path traversal", bearer(auth0test.SignRS256(b.evil, map[string]any{"kid": "../../../../dev/null"}, c)), m2mauth.ReasonUnknownKey},
		{"kid SQL injection", bearer(auth0test.SignRS256(b.evil, map[string]any{"kid": "' UNION SELECT 'secret' --"}, c)), m2mauth.ReasonUnknownKey},
		{"kid command injection", bearer(auth0test.SignRS256(b.evil, map[string]any{"kid": "x; rm -rf /"}, c)), m2mauth.ReasonUnknownKey},
		{"kid with NUL byte", bearer(auth0test.SignRS256(b.evil, map[string]any{"kid": b.key.ID + "\x00"}, c)), m2mauth.ReasonUnknownKey},
		{"jwk header carrying the attacker key (CVE-2018-0114)", bearer(auth0test.SignRS256(b.evil, map[string]any{"jwk": jwk, "kid": b.evil.ID}, c)), m2mauth.ReasonUnknownKey},
		{"jwk header with our kid", bearer(auth0test.SignRS256(b.evil, map[string]any{"jwk": jwk, "kid": b.key.ID}, c)), m2mauth.ReasonBadSignature},
		{"jku pointing at an attacker key set", bearer(auth0test.SignRS256(b.evil, map[string]any{"jku": b.jku, "kid": b.evil.ID}, c)), m2mauth.ReasonUnknownKey},
		{"x5u pointing at an attacker", bearer(auth0test.SignRS256(b.evil, map[string]any{"x5u": b.jku, "kid": b.evil.ID}, c)), m2mauth.ReasonUnknownKey},
		{"x5c carrying the attacker certificate", bearer(auth0test.SignRS256(b.evil, map[string]any{"x5c": x5c, "kid": b.key.ID}, c)), m2mauth.ReasonBadSignature},
	}
}

func (b builder) claims() []Case {
	now := time.Now()
	iss := b.ten.Issuer()
	return []Case{
		{"expired", bearer(b.sign(nil, b.with(map[string]any{"exp": now.Add(-time.Hour).Unix()}))), m2mauth.ReasonExpired},
		{"exp zero", bearer(b.sign(nil, b.with(map[string]any{"exp": 0}))), m2mauth.ReasonExpired},
		{"exp negative", bearer(b.sign(nil, b.with(map[string]any{"exp": -1}))), m2mauth.ReasonExpired},
		{"exp missing", bearer(b.sign(nil, b.with(map[string]any{"exp": nil}))), m2mauth.ReasonInvalidClaims},
		{"exp as a string", bearer(b.sign(nil, b.with(map[string]any{"exp": "99999999999"}))), m2mauth.ReasonMalformed},
		{"exp as null", bearer(b.raw(b.defaultHeader(), `{"iss":"`+iss+`","aud":"`+b.aud+`","exp":null}`)), m2mauth.ReasonMalformed},
		{"exp huge (overflow)", bearer(b.raw(b.defaultHeader(), `{"iss":"`+iss+`","aud":"`+b.aud+`","exp":1e400}`)), m2mauth.ReasonMalformed},
		{"nbf in the future", bearer(b.sign(nil, b.with(map[string]any{"nbf": now.Add(time.Hour).Unix()}))), m2mauth.ReasonNotYetValid},
		{"iat in the future", bearer(b.sign(nil, b.with(map[string]any{"iat": now.Add(time.Hour).Unix()}))), m2mauth.ReasonNotYetValid},
		{"nbf as a string", bearer(b.sign(nil, b.with(map[string]any{"nbf": "0"}))), m2mauth.ReasonMalformed},
		{"wrong issuer", bearer(b.sign(nil, b.with(map[string]any{"iss": "https://evil.example.com/"}))), m2mauth.ReasonWrongIssuer},
		{"issuer without trailing slash", bearer(b.sign(nil, b.with(map[string]any{"iss": strings.TrimSuffix(iss, "/")}))), m2mauth.ReasonWrongIssuer},
		{"issuer with two trailing slashes", bearer(b.sign(nil, b.with(map[string]any{"iss": iss + "/"}))), m2mauth.ReasonWrongIssuer},
		{"issuer upper-cased", bearer(b.sign(nil, b.with(map[string]any{"iss": strings.ToUpper(iss)}))), m2mauth.ReasonWrongIssuer},
		{"issuer with a Unicode homoglyph", bearer(b.sign(nil, b.with(map[string]any{"iss": strings.Replace(iss, "http", "htt\u0440", 1)}))), m2mauth.ReasonWrongIssuer},
		{"issuer with a trailing NUL", bearer(b.sign(nil, b.with(map[string]any{"iss": iss + "\x00"}))), m2mauth.ReasonWrongIssuer},
		{"issuer missing", bearer(b.sign(nil, b.with(map[string]any{"iss": nil}))), m2mauth.ReasonWrongIssuer},
		{"issuer as an array", bearer(b.sign(nil, b.with(map[string]any{"iss": []string{iss}}))), m2mauth.ReasonMalformed},
		{"wrong audience", bearer(b.sign(nil, b.with(map[string]any{"aud": "https://other.example.com"}))), m2mauth.ReasonWrongAudience},
		{"audience missing", bearer(b.sign(nil, b.with(map[string]any{"aud": nil}))), m2mauth.ReasonWrongAudience},
		{"audience empty array", bearer(b.sign(nil, b.with(map[string]any{"aud": []string{}}))), m2mauth.ReasonWrongAudience},
		{"audience prefix of ours", bearer(b.sign(nil, b.with(map[string]any{"aud": b.aud[:len(b.aud)-1]}))), m2mauth.ReasonWrongAudience},
		{"audience with a zero-width space", bearer(b.sign(nil, b.with(map[string]any{"aud": b.aud + "\u200b"}))), m2mauth.ReasonWrongAudience},
		{"audience in fullwidth letters", bearer(b.sign(nil, b.with(map[string]any{"aud": strings.Replace(b.aud, "api", "\uff41pi", 1)}))), m2mauth.ReasonWrongAudience},
		{"audience as a number", bearer(b.sign(nil, b.with(map[string]any{"aud": 1}))), m2mauth.ReasonMalformed},
		{"scope as an array", bearer(b.sign(nil, b.with(map[string]any{"scope": []string{"read:messages"}}))), m2mauth.ReasonMalformed},
	}
}

func (b builder) json() []Case {
	h := b.defaultHeader()
	iss, aud := b.ten.Issuer(), b.aud
	exp := time.Now().Add(time.Hour).Unix()
	base := `"iss":"` + iss + `","aud":"` + aud + `","sub":"c@clients"`
	expS := itoa(exp)
	deep := strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100)
	return []Case{
		{"duplicate exp, last one expired (CVE-2020-28042 class)", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"exp":1}`)), m2mauth.ReasonMalformed},
		{"duplicate exp spelled with an escape", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"\u0065xp":1}`)), m2mauth.ReasonMalformed},
		{"duplicate aud", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"aud":"https://other"}`)), m2mauth.ReasonMalformed},
		{"duplicate iss", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"iss":"https://evil/"}`)), m2mauth.ReasonMalformed},
		{"claims with invalid UTF-8", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"x":"`+"\xff\xfe"+`"}`)), m2mauth.ReasonMalformed},
		{"claims with a lone surrogate escape", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"x":"\ud800"}`)), m2mauth.ReasonMalformed},
		{"claims nested 100 deep", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,"x":`+deep+`}`)), m2mauth.ReasonMalformed},
		{"claims with trailing comma", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`,}`)), m2mauth.ReasonMalformed},
		{"claims with a comment", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`/* hi */}`)), m2mauth.ReasonMalformed},
		{"claims with single quotes", bearer(b.raw(h, `{'iss':'`+iss+`'}`)), m2mauth.ReasonMalformed},
		{"claims followed by a second object", bearer(b.raw(h, `{`+base+`,"exp":`+expS+`}{}`)), m2mauth.ReasonMalformed},
		{"claims as an array", bearer(b.raw(h, `[`+expS+`]`)), m2mauth.ReasonMalformed},
		{"claims with a leading-zero number", bearer(b.raw(h, `{`+base+`,"exp":0`+expS+`}`)), m2mauth.ReasonMalformed},
		{"claims with NaN", bearer(b.raw(h, `{`+base+`,"exp":NaN}`)), m2mauth.ReasonMalformed},
		{"claims with a BOM", bearer(b.raw(h, "\ufeff{"+base+`,"exp":`+expS+`}`)), m2mauth.ReasonMalformed},
	}
}

func itoa(n int64) string {
	out, _ := json.Marshal(n)
	return string(out)
}
