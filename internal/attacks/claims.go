package attacks

import (
	"strings"
	"time"

	"github.com/revup/m2mauth"
)

func (b builder) claims() []Case {
	now := b.now
	iss := b.iss
	otherScheme := strings.Replace(iss, "https://", "http://", 1)
	if otherScheme == iss {
		otherScheme = strings.Replace(iss, "http://", "https://", 1)
	}
	signed := func(edits map[string]any) string { return bearer(b.sign(nil, b.with(edits))) }
	return []Case{
		{"expired", signed(map[string]any{"exp": now.Add(-time.Hour).Unix()}), m2mauth.ReasonExpired},
		{"expired just beyond the default leeway", signed(map[string]any{"exp": now.Add(-31 * time.Second).Unix()}), m2mauth.ReasonExpired},
		{"exp zero", signed(map[string]any{"exp": 0}), m2mauth.ReasonExpired},
		{"exp negative", signed(map[string]any{"exp": -1}), m2mauth.ReasonExpired},
		{"exp missing", signed(map[string]any{"exp": nil}), m2mauth.ReasonInvalidClaims},
		{"exp as a string", signed(map[string]any{"exp": "99999999999"}), m2mauth.ReasonMalformed},
		{"exp as a boolean", signed(map[string]any{"exp": true}), m2mauth.ReasonMalformed},
		{"exp as an array", signed(map[string]any{"exp": []int64{now.Add(time.Hour).Unix()}}), m2mauth.ReasonMalformed},
		{"exp as an object", signed(map[string]any{"exp": map[string]int64{"$date": now.Add(time.Hour).Unix()}}), m2mauth.ReasonMalformed},
		{"exp as null", bearer(b.raw(b.defaultHeader(), `{"iss":"`+iss+`","aud":"`+b.aud+`","exp":null}`)), m2mauth.ReasonMalformed},
		{"exp huge (overflow)", bearer(b.raw(b.defaultHeader(), `{"iss":"`+iss+`","aud":"`+b.aud+`","exp":1e400}`)), m2mauth.ReasonMalformed},
		{"nbf in the future", signed(map[string]any{"nbf": now.Add(time.Hour).Unix()}), m2mauth.ReasonNotYetValid},
		{"iat in the future", signed(map[string]any{"iat": now.Add(time.Hour).Unix()}), m2mauth.ReasonNotYetValid},
		{"nbf as a string", signed(map[string]any{"nbf": "0"}), m2mauth.ReasonMalformed},
		{"wrong issuer", signed(map[string]any{"iss": "https://evil.example.com/"}), m2mauth.ReasonWrongIssuer},
		{"issuer without trailing slash", signed(map[string]any{"iss": strings.TrimSuffix(iss, "/")}), m2mauth.ReasonWrongIssuer},
		{"issuer with two trailing slashes", signed(map[string]any{"iss": iss + "/"}), m2mauth.ReasonWrongIssuer},
		{"issuer upper-cased", signed(map[string]any{"iss": strings.ToUpper(iss)}), m2mauth.ReasonWrongIssuer},
		{"issuer with the other scheme", signed(map[string]any{"iss": otherScheme}), m2mauth.ReasonWrongIssuer},
		{"issuer with a Unicode homoglyph", signed(map[string]any{"iss": strings.Replace(iss, "http", "htt\u0440", 1)}), m2mauth.ReasonWrongIssuer},
		{"issuer with a right-to-left override", signed(map[string]any{"iss": "\u202e" + iss}), m2mauth.ReasonWrongIssuer},
		{"issuer with a trailing NUL", signed(map[string]any{"iss": iss + "\x00"}), m2mauth.ReasonWrongIssuer},
		{"issuer missing", signed(map[string]any{"iss": nil}), m2mauth.ReasonWrongIssuer},
		{"issuer as an array", signed(map[string]any{"iss": []string{iss}}), m2mauth.ReasonMalformed},
		{"wrong audience", signed(map[string]any{"aud": "https://other.example.com"}), m2mauth.ReasonWrongAudience},
		{"audience of an ID token (a client id)", signed(map[string]any{"aud": "attack-client", "gty": nil}), m2mauth.ReasonWrongAudience},
		{"audience missing", signed(map[string]any{"aud": nil}), m2mauth.ReasonWrongAudience},
		{"audience empty array", signed(map[string]any{"aud": []string{}}), m2mauth.ReasonWrongAudience},
		{"audience prefix of ours", signed(map[string]any{"aud": b.aud[:len(b.aud)-1]}), m2mauth.ReasonWrongAudience},
		{"audience with a trailing slash", signed(map[string]any{"aud": b.aud + "/"}), m2mauth.ReasonWrongAudience},
		{"audience upper-cased", signed(map[string]any{"aud": strings.ToUpper(b.aud)}), m2mauth.ReasonWrongAudience},
		{"audience with a zero-width space", signed(map[string]any{"aud": b.aud + "\u200b"}), m2mauth.ReasonWrongAudience},
		{"audience in fullwidth letters", signed(map[string]any{"aud": fullwidth(b.aud)}), m2mauth.ReasonWrongAudience},
		{"audience as a number", signed(map[string]any{"aud": 1}), m2mauth.ReasonMalformed},
		{"audience array holding a number", signed(map[string]any{"aud": []any{b.aud, 1}}), m2mauth.ReasonMalformed},
		{"audience array holding null", signed(map[string]any{"aud": []any{nil, b.aud}}), m2mauth.ReasonMalformed},
		{"scope as an array", signed(map[string]any{"scope": []string{"read:messages"}}), m2mauth.ReasonMalformed},
		{"permissions as a string", signed(map[string]any{"permissions": "read:messages"}), m2mauth.ReasonMalformed},
	}
}

// fullwidth spells the ASCII letters of s with their fullwidth forms,
// which NFKC folds back to s.
func fullwidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r - 'A' + '\uff21'
		}
		return r
	}, s)
}
