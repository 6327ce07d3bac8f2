package attacks

import (
	"strings"
	"time"

	"github.com/revup/m2mauth"
)

func (b builder) accepted() []Case {
	c := b.claims0()
	many := `{` + b.base() + `,"exp":` + b.exp()
	for i := range 400 {
		many += `,"c` + itoa(int64(i)) + `":1`
	}
	return []Case{
		{"valid Auth0 M2M token", bearer(b.sign(nil, c)), ""},
		{"lower-case bearer scheme", "bearer " + b.sign(nil, c), ""},
		{"two spaces after the scheme (RFC 6750 1*SP)", "Bearer  " + b.sign(nil, c), ""},
		{"typ at+jwt (RFC 9068)", bearer(b.sign(map[string]any{"typ": "at+jwt"}, c)), ""},
		{"typ application/at+jwt", bearer(b.sign(map[string]any{"typ": "application/at+jwt"}, c)), ""},
		{"typ lower-case jwt", bearer(b.sign(map[string]any{"typ": "jwt"}, c)), ""},
		{"no typ at all", bearer(b.sign(map[string]any{"typ": nil}, c)), ""},
		{"alg spelled with a JSON escape", bearer(b.raw(`{"alg":"\u0052S256","kid":"`+b.key.ID+`"}`, b.defaultClaims())), ""},
		{"aud as array naming us", bearer(b.sign(nil, b.with(map[string]any{"aud": []string{"https://other", b.aud}}))), ""},
		{"exp just past, within leeway", bearer(b.sign(nil, b.with(map[string]any{"exp": b.now.Add(-5 * time.Second).Unix()}))), ""},
		{"nbf and iat just ahead, within leeway", bearer(b.sign(nil, b.with(map[string]any{"nbf": b.now.Add(5 * time.Second).Unix(), "iat": b.now.Add(5 * time.Second).Unix()}))), ""},
		{"fractional exp (RFC 7519 NumericDate)", bearer(b.sign(nil, b.with(map[string]any{"exp": float64(b.now.Add(time.Hour).Unix()) + 0.5}))), ""},
		{"claims with 400 members (duplicate check stays linear)", bearer(b.raw(b.defaultHeader(), many+`}`)), ""},
	}
}

func (b builder) header() []Case {
	c := b.defaultClaims()
	kid := b.key.ID
	deep := strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100)
	nested := b.sign(nil, b.claims0())
	return []Case{
		{"RFC 7515 crit with unknown extension", bearer(b.sign(map[string]any{"crit": []string{"urn:example:ext"}, "urn:example:ext": true}, b.claims0())), m2mauth.ReasonMalformed},
		{"RFC 7797 crit b64 false", bearer(b.sign(map[string]any{"crit": []string{"b64"}, "b64": false}, b.claims0())), m2mauth.ReasonMalformed},
		{"RFC 7797 b64 false outside crit, unencoded claims", bearer(enc(`{"alg":"RS256","kid":"`+kid+`","b64":false}`) + "." + c + "." + enc("sig")), m2mauth.ReasonMalformed},
		{"crit naming a registered header", bearer(b.sign(map[string]any{"crit": []string{"exp"}}, b.claims0())), m2mauth.ReasonMalformed},
		{"empty crit array", bearer(b.sign(map[string]any{"crit": []string{}}, b.claims0())), m2mauth.ReasonMalformed},
		{"missing kid", bearer(b.sign(map[string]any{"kid": nil}, b.claims0())), m2mauth.ReasonMalformed},
		{"empty kid", bearer(b.sign(map[string]any{"kid": ""}, b.claims0())), m2mauth.ReasonMalformed},
		{"kid as a number", bearer(b.raw(`{"alg":"RS256","kid":1}`, c)), m2mauth.ReasonMalformed},
		{"kid null", bearer(b.raw(`{"alg":"RS256","kid":null}`, c)), m2mauth.ReasonMalformed},
		{"missing alg", bearer(b.raw(`{"typ":"JWT","kid":"`+kid+`"}`, c)), m2mauth.ReasonMalformed},
		{"alg null", bearer(b.raw(`{"alg":null,"kid":"`+kid+`"}`, c)), m2mauth.ReasonMalformed},
		{"header is an empty object", bearer(b.raw(`{}`, c)), m2mauth.ReasonMalformed},
		{"header nested 100 deep", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","x":`+deep+`}`, c)), m2mauth.ReasonMalformed},
		{"typ of a logout token", bearer(b.sign(map[string]any{"typ": "logout+jwt"}, b.claims0())), m2mauth.ReasonMalformed},
		{"typ of a DPoP proof", bearer(b.sign(map[string]any{"typ": "dpop+jwt"}, b.claims0())), m2mauth.ReasonMalformed},
		{"typ JWE", bearer(b.sign(map[string]any{"typ": "JWE"}, b.claims0())), m2mauth.ReasonMalformed},
		{"nested JWT (cty JWT) carrying a signed token as claims", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","cty":"JWT"}`, nested)), m2mauth.ReasonMalformed},
		{"header enc claims JWE", bearer(b.sign(map[string]any{"enc": "A256GCM"}, b.claims0())), m2mauth.ReasonMalformed},
		{"header zip (CVE-2024-28180 class)", bearer(b.sign(map[string]any{"zip": "DEF"}, b.claims0())), m2mauth.ReasonMalformed},
		{"duplicate alg in header (last none)", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","alg":"none"}`, c)), m2mauth.ReasonMalformed},
		{"duplicate kid in header", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","kid":"other"}`, c)), m2mauth.ReasonMalformed},
		{"duplicate alg spelled with an escape", bearer(b.raw(`{"alg":"RS256","kid":"`+kid+`","\u0061lg":"HS256"}`, c)), m2mauth.ReasonMalformed},
		{"header is a JSON array", bearer(b.raw(`["RS256"]`, c)), m2mauth.ReasonMalformed},
		{"header with trailing data", bearer(b.raw(b.defaultHeader()+`{}`, c)), m2mauth.ReasonMalformed},
	}
}
