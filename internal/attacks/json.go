package attacks

import (
	"strings"

	"github.com/revup/m2mauth"
)

// json holds signed tokens whose claims are JSON that a lenient parser
// reads one way and a strict one refuses: the parser differentials that
// let one token mean two things.
func (b builder) json() []Case {
	h := b.defaultHeader()
	base, expS := b.base(), b.exp()
	deep := strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100)
	deepArray := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	filler := ""
	for i := range 30 {
		filler += `,"f` + itoa(int64(i)) + `":0`
	}
	signed := func(claims string) string { return bearer(b.raw(h, claims)) }
	return []Case{
		{"duplicate exp, last one expired (CVE-2020-28042 class)", signed(`{` + base + `,"exp":` + expS + `,"exp":1}`), m2mauth.ReasonMalformed},
		{"duplicate exp spelled with an escape", signed(`{` + base + `,"exp":` + expS + `,"\u0065xp":1}`), m2mauth.ReasonMalformed},
		{"duplicate exp after 30 other members", signed(`{` + base + `,"exp":` + expS + filler + `,"exp":1}`), m2mauth.ReasonMalformed},
		{"duplicate aud", signed(`{` + base + `,"exp":` + expS + `,"aud":"https://other"}`), m2mauth.ReasonMalformed},
		{"duplicate iss", signed(`{` + base + `,"exp":` + expS + `,"iss":"https://evil/"}`), m2mauth.ReasonMalformed},
		{"claims with invalid UTF-8", signed(`{` + base + `,"exp":` + expS + `,"x":"` + "\xff\xfe" + `"}`), m2mauth.ReasonMalformed},
		{"claims with an overlong UTF-8 slash", signed(`{` + base + `,"exp":` + expS + `,"x":"` + "\xc0\xaf" + `"}`), m2mauth.ReasonMalformed},
		{"claims with a lone surrogate escape", signed(`{` + base + `,"exp":` + expS + `,"x":"\ud800"}`), m2mauth.ReasonMalformed},
		{"claims with a raw control character", signed(`{` + base + `,"exp":` + expS + `,"x":"a` + "\x01" + `"}`), m2mauth.ReasonMalformed},
		{"claims nested 100 deep", signed(`{` + base + `,"exp":` + expS + `,"x":` + deep + `}`), m2mauth.ReasonMalformed},
		{"claims with arrays nested 100 deep", signed(`{` + base + `,"exp":` + expS + `,"x":` + deepArray + `}`), m2mauth.ReasonMalformed},
		{"claims with trailing comma", signed(`{` + base + `,"exp":` + expS + `,}`), m2mauth.ReasonMalformed},
		{"claims with a comment", signed(`{` + base + `,"exp":` + expS + `/* hi */}`), m2mauth.ReasonMalformed},
		{"claims with single quotes", signed(`{'iss':'` + b.iss + `'}`), m2mauth.ReasonMalformed},
		{"claims followed by a second object", signed(`{` + base + `,"exp":` + expS + `}{}`), m2mauth.ReasonMalformed},
		{"claims as an array", signed(`[` + expS + `]`), m2mauth.ReasonMalformed},
		{"claims as a JSON string", signed(`"` + expS + `"`), m2mauth.ReasonMalformed},
		{"claims with a leading-zero number", signed(`{` + base + `,"exp":0` + expS + `}`), m2mauth.ReasonMalformed},
		{"claims with a plus-signed number", signed(`{` + base + `,"exp":+` + expS + `}`), m2mauth.ReasonMalformed},
		{"claims with a hexadecimal number", signed(`{` + base + `,"exp":0x7fffffff}`), m2mauth.ReasonMalformed},
		{"claims with NaN", signed(`{` + base + `,"exp":NaN}`), m2mauth.ReasonMalformed},
		{"claims with Infinity", signed(`{` + base + `,"exp":Infinity}`), m2mauth.ReasonMalformed},
		{"claims with a BOM", signed("\ufeff{" + base + `,"exp":` + expS + `}`), m2mauth.ReasonMalformed},
	}
}
