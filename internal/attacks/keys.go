package attacks

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
)

// signatures are tokens whose header and claims are right and whose
// signature is not: other keys, other paddings, other values.
func (b builder) signatures() []Case {
	good := b.sign(nil, b.claims0())
	h, p, goodSig := split3(good)
	input := h + "." + p
	evilSigned := auth0test.SignRS256(b.evil, map[string]any{"kid": b.key.ID}, b.claims0())
	_, _, evilSig := split3(evilSigned)
	sigBytes, _ := base64.RawURLEncoding.DecodeString(goodSig)
	tampered, _ := json.Marshal(b.with(map[string]any{"scope": "read:messages admin"}))
	size := b.key.Private.Size()
	one := make([]byte, size)
	one[size-1] = 1
	digest := sha256.Sum256([]byte(input))
	pss, _ := rsa.SignPSS(rand.Reader, b.key.Private, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	withSig := func(sig []byte) string { return bearer(input + "." + enc(string(sig))) }
	return []Case{
		{"signature from another key under our kid", bearer(evilSigned), m2mauth.ReasonBadSignature},
		{"tampered claims keep the old signature", bearer(h + "." + enc(string(tampered)) + "." + goodSig), m2mauth.ReasonBadSignature},
		{"signature of a different token", bearer(input + "." + evilSig), m2mauth.ReasonBadSignature},
		{"truncated signature", withSig(sigBytes[:len(sigBytes)-3]), m2mauth.ReasonBadSignature},
		{"signature with a byte appended", withSig(append(sigBytes, 0)), m2mauth.ReasonBadSignature},
		{"signature with a leading zero byte", withSig(append([]byte{0}, sigBytes...)), m2mauth.ReasonBadSignature},
		{"all-zero signature (psychic signature, CVE-2022-21449 class)", withSig(make([]byte, size)), m2mauth.ReasonBadSignature},
		{"signature of value one", withSig(one), m2mauth.ReasonBadSignature},
		{"signature equal to the modulus", withSig(b.key.Private.N.Bytes()), m2mauth.ReasonBadSignature},
		{"PKCS#1 v1.5 over SHA-1 (hash downgrade)", withSig(pkcs1(b.key.Private, crypto.SHA1, input)), m2mauth.ReasonBadSignature},
		{"PSS signature under an RS256 header", withSig(pss), m2mauth.ReasonBadSignature},
		{"signature over the claims segment only", withSig(pkcs1(b.key.Private, crypto.SHA256, p)), m2mauth.ReasonBadSignature},
	}
}

// keys are tokens that try to choose the verification key themselves.
func (b builder) keys() []Case {
	jwk := b.evil.JWK()
	x5c := jwk["x5c"]
	delete(jwk, "x5c")
	c := b.claims0()
	evil := func(header map[string]any) string { return bearer(auth0test.SignRS256(b.evil, header, c)) }
	return []Case{
		{"unknown kid", evil(nil), m2mauth.ReasonUnknownKey},
		{"kid path traversal", evil(map[string]any{"kid": "../../../../dev/null"}), m2mauth.ReasonUnknownKey},
		{"kid SQL injection", evil(map[string]any{"kid": "' UNION SELECT 'secret' --"}), m2mauth.ReasonUnknownKey},
		{"kid command injection", evil(map[string]any{"kid": "x; rm -rf /"}), m2mauth.ReasonUnknownKey},
		{"kid with NUL byte", evil(map[string]any{"kid": b.key.ID + "\x00"}), m2mauth.ReasonUnknownKey},
		{"kid as the URL of an attacker key set (SSRF)", evil(map[string]any{"kid": b.jku}), m2mauth.ReasonUnknownKey},
		{"kid __proto__", evil(map[string]any{"kid": "__proto__"}), m2mauth.ReasonUnknownKey},
		{"kid 4 KiB long", evil(map[string]any{"kid": strings.Repeat("k", 4096)}), m2mauth.ReasonUnknownKey},
		{"jwk header carrying the attacker key (CVE-2018-0114)", evil(map[string]any{"jwk": jwk, "kid": b.evil.ID}), m2mauth.ReasonUnknownKey},
		{"jwk header with our kid", evil(map[string]any{"jwk": jwk, "kid": b.key.ID}), m2mauth.ReasonBadSignature},
		{"jku pointing at an attacker key set", evil(map[string]any{"jku": b.jku, "kid": b.evil.ID}), m2mauth.ReasonUnknownKey},
		{"x5u pointing at an attacker", evil(map[string]any{"x5u": b.jku, "kid": b.evil.ID}), m2mauth.ReasonUnknownKey},
		{"x5c carrying the attacker certificate", evil(map[string]any{"x5c": x5c, "kid": b.key.ID}), m2mauth.ReasonBadSignature},
	}
}

func mustJSON(v any) string {
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(out)
}
