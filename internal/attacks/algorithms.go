package attacks

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"encoding/pem"
	"math/big"

	"github.com/revup/m2mauth"
)

// The HS256 cases below key an HMAC with some public form of the RSA key:
// a validator that picks the verification method from the token's alg
// and hands it "the key" verifies them (CVE-2016-10555 and its kin).
func (b builder) algorithms() []Case {
	c := b.defaultClaims()
	kid := b.key.ID
	pub := &b.key.Private.PublicKey
	pubDER, _ := x509.MarshalPKIXPublicKey(pub)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	pkcs1 := x509.MarshalPKCS1PublicKey(pub)
	pkcs1PEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: pkcs1})
	jwkJSON, _ := json.Marshal(b.key.JWK())
	good := b.sign(nil, b.claims0())
	_, _, sig := split3(good)
	unsigned := func(alg string) string {
		return enc(`{"alg":"`+alg+`","typ":"JWT","kid":"`+kid+`"}`) + "." + enc(c) + "."
	}
	withSig := func(alg string) string {
		return enc(`{"alg":"`+alg+`","typ":"JWT","kid":"`+kid+`"}`) + "." + enc(c) + "." + sig
	}
	hdr := func(alg string) string { return `{"alg":"` + alg + `","typ":"JWT","kid":"` + kid + `"}` }
	pbes2 := `{"alg":"PBES2-HS256+A128KW","p2c":2147483647,"p2s":"c2FsdA","kid":"` + kid + `"}`
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
		{"HS256 keyed with the PKCS1 PEM (CVE-2023-48223)", bearer(hs256(pkcs1PEM, hdr("HS256"), c)), m2mauth.ReasonAlgorithm},
		{"HS256 keyed with the OpenSSH public key (CVE-2022-29217)", bearer(hs256(openSSH(pub), hdr("HS256"), c)), m2mauth.ReasonAlgorithm},
		{"HS256 keyed with the published JWK (CVE-2022-23541 class)", bearer(hs256(jwkJSON, hdr("HS256"), c)), m2mauth.ReasonAlgorithm},
		{"HS384 keyed with the modulus", bearer(hs256(b.key.Private.N.Bytes(), hdr("HS384"), c)), m2mauth.ReasonAlgorithm},
		{"HS512", bearer(hs256(pubPEM, hdr("HS512"), c)), m2mauth.ReasonAlgorithm},
		{"ES256 on an RSA key (CVE-2022-21449 class)", bearer(withSig("ES256")), m2mauth.ReasonAlgorithm},
		{"EdDSA", bearer(withSig("EdDSA")), m2mauth.ReasonAlgorithm},
		{"PBES2 with a huge p2c (CVE-2023-52428 class)", bearer(enc(pbes2) + "." + enc(c) + "." + sig), m2mauth.ReasonAlgorithm},
		{"PS256 not in the configuration", bearer(withSig("PS256")), m2mauth.ReasonAlgorithm},
		{"RS384 not in the configuration", bearer(withSig("RS384")), m2mauth.ReasonAlgorithm},
		{"RS256 with whitespace", bearer(withSig("RS256 ")), m2mauth.ReasonAlgorithm},
		{"alg as an array", bearer(b.raw(`{"alg":["RS256"],"kid":"`+kid+`"}`, c)), m2mauth.ReasonMalformed},
	}
}

// openSSH returns pub in the authorized_keys form, "ssh-rsa AAAA...",
// built from RFC 4253's wire format.
func openSSH(pub *rsa.PublicKey) []byte {
	var wire []byte
	field := func(b []byte) {
		wire = binary.BigEndian.AppendUint32(wire, uint32(len(b)))
		wire = append(wire, b...)
	}
	mpint := func(n *big.Int) {
		b := n.Bytes()
		if len(b) > 0 && b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		field(b)
	}
	field([]byte("ssh-rsa"))
	mpint(big.NewInt(int64(pub.E)))
	mpint(pub.N)
	return []byte("ssh-rsa " + base64.StdEncoding.EncodeToString(wire))
}
