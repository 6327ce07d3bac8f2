package attacks

import (
	"strings"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
)

func (b builder) shape() []Case {
	good := b.sign(nil, b.claims0())
	h, p, s := split3(good)
	long := b.sign(nil, b.with(map[string]any{"pad": strings.Repeat("A", 9000)}))
	ph, pp, ps := split3(b.sign(nil, b.unevenClaims()))
	polyglot := `{"` + good + `.":"","protected":"` + h + `","payload":"` + p + `","signature":"` + s + `"}`
	return []Case{
		{"empty bearer token", "Bearer ", m2mauth.ReasonMalformed},
		{"scheme only", "Bearer", m2mauth.ReasonMalformed},
		{"basic scheme", "Basic dXNlcjpwYXNz", m2mauth.ReasonMalformed},
		{"token without scheme", good, m2mauth.ReasonMalformed},
		{"tab instead of a space after the scheme", "Bearer\t" + good, m2mauth.ReasonMalformed},
		{"garbage token", bearer("not-a-jwt"), m2mauth.ReasonMalformed},
		{"two segments (unsigned JWT)", bearer(h + "." + p), m2mauth.ReasonMalformed},
		{"two segments and a trailing dot, empty signature", bearer(h + "." + p + "."), m2mauth.ReasonMalformed},
		{"trailing dot after the signature", bearer(good + "."), m2mauth.ReasonMalformed},
		{"four segments", bearer(good + "." + s), m2mauth.ReasonMalformed},
		{"JWE compact serialization (five segments)", bearer(h + "." + p + "." + s + "." + s + "." + s), m2mauth.ReasonMalformed},
		{"8000 dots (CVE-2025-30204)", bearer(strings.Repeat(".", 8000)), m2mauth.ReasonMalformed},
		{"base64 padding on the signature", bearer(good + "=="), m2mauth.ReasonMalformed},
		{"standard base64 alphabet in signature", bearer(h + "." + p + "." + strings.NewReplacer("-", "+", "_", "/").Replace(s)), stdAlphabetReason(s)},
		{"altered unused bits in signature (CVE-2022-24771 class)", bearer(h + "." + p + "." + flipUnusedBits(s)), m2mauth.ReasonMalformed},
		{"altered unused bits in the claims segment", bearer(ph + "." + flipUnusedBits(pp) + "." + ps), m2mauth.ReasonMalformed},
		{"percent-encoded token", bearer(strings.ReplaceAll(good, ".", "%2E")), m2mauth.ReasonMalformed},
		{"newline inside the token", bearer(h + "." + p[:10] + "\n" + p[10:] + "." + s), m2mauth.ReasonMalformed},
		{"space inside the token", bearer(h + ". " + p + "." + s), m2mauth.ReasonMalformed},
		{"JSON serialization instead of compact", bearer(`{"payload":"` + p + `"}`), m2mauth.ReasonMalformed},
		{"JSON and compact polyglot (CVE-2022-39227)", bearer(polyglot), m2mauth.ReasonMalformed},
		{"oversized token", bearer(long), m2mauth.ReasonMalformed},
		{"trailing garbage after token", bearer(good + " extra"), m2mauth.ReasonMalformed},
	}
}

// unevenClaims are the default claims padded so that their base64url
// form ends in a partial group, which has bits the decoder discards.
func (b builder) unevenClaims() auth0test.Claims {
	for n := 0; ; n++ {
		c := b.with(map[string]any{"pad": strings.Repeat("x", n)})
		if l := len(enc(mustJSON(c))); l%4 == 2 || l%4 == 3 {
			return c
		}
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
