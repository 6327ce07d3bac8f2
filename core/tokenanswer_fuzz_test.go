package core

import (
	"strings"
	"testing"
	"time"
)

// FuzzTokenAnswer feeds the token endpoint's answer parsers arbitrary
// bytes: whatever a server sends, a token is either refused or has a
// bearer type, a value and a bounded, positive life, and error text stays
// short and free of control characters.
func FuzzTokenAnswer(f *testing.F) {
	for _, seed := range []string{
		`{"access_token":"eyJ.a.b","token_type":"Bearer","expires_in":86400,"scope":"read"}`,
		`{"access_token":"t","token_type":"bearer"}`,
		`{"access_token":"t","expires_in":null}`,
		`{"access_token":"t","expires_in":"3600"}`,
		`{"access_token":"t","expires_in":1e300}`,
		`{"access_token":"t","expires_in":-5}`,
		`{"access_token":"t","token_type":"DPoP"}`,
		`{"access_token":"t","access_token":"u"}`,
		`{"error":"access_denied","error_description":"Unauthorized"}`,
		`{"error":"x\u0000y","error_description":"` + strings.Repeat("é", 300) + `"}`,
	} {
		f.Add([]byte(seed))
	}
	now := time.Unix(1_700_000_000, 0)
	s := &TokenSource{cfg: TokenConfig{Now: func() time.Time { return now }}}
	f.Fuzz(func(t *testing.T, body []byte) {
		tok, err := s.parseToken(body)
		if err == nil {
			life := tok.Expiry.Sub(tok.Obtained)
			switch {
			case tok.AccessToken == "":
				t.Fatal("got a token without a value")
			case tok.TokenType != "Bearer":
				t.Fatalf("got token type %q", tok.TokenType)
			case life <= 0 || life > maxTokenLifetime:
				t.Fatalf("got a life of %v", life)
			}
		}
		code, desc := parseTokenError(body)
		for _, s := range []string{code, desc} {
			if len(s) > maxDescription+len("...") {
				t.Fatalf("got %d bytes of error text", len(s))
			}
			if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' }) {
				t.Fatalf("got a control character in %q", s)
			}
		}
	})
}
