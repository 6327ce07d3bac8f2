package core_test

import (
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// bearerSyntax is RFC 6750 section 2.1 written as a regular expression,
// the oracle for BearerToken: credentials = "Bearer" 1*SP b64token.
var bearerSyntax = regexp.MustCompile(`^(?i:bearer) +([A-Za-z0-9._~+/-]+=*)$`)

// FuzzBearerToken checks that BearerToken accepts exactly RFC 6750's
// syntax and returns exactly its token.
func FuzzBearerToken(f *testing.F) {
	fx := newFixture(f)
	for _, c := range fx.attacks(f) {
		f.Add(c.Authorization)
	}
	for _, s := range []string{"", "Bearer", "Bearer ", "bEaReR  a=", "Bearer a==b", "Bearer\ta", "Basic a", "Bearer a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		tok, err := core.BearerToken(header)
		m := bearerSyntax.FindStringSubmatch(header)
		switch {
		case err == nil && m == nil:
			t.Fatalf("BearerToken(%q) accepted %q, want an error", header, tok)
		case err == nil && tok != m[1]:
			t.Fatalf("BearerToken(%q) = %q, want %q", header, tok, m[1])
		case err != nil && m != nil:
			t.Fatalf("BearerToken(%q) refused a valid header: %v", header, err)
		case err != nil:
			want := m2mauth.ErrTokenMalformed
			if header == "" {
				want = m2mauth.ErrTokenMissing
			}
			if !errors.Is(err, want) {
				t.Fatalf("BearerToken(%q): got %v, want %v", header, err, want)
			}
		}
	})
}

// FuzzValidateAuthorization sends whole Authorization values through
// the header, token, claims and signature checks. Nothing the oracle
// refuses may be accepted, and what is accepted once is accepted again.
func FuzzValidateAuthorization(f *testing.F) {
	fx := newFixture(f)
	for _, c := range fx.attacks(f) {
		f.Add(c.Authorization)
	}
	f.Add("Bearer " + fx.token(nil))
	pub := &fx.key.Private.PublicKey
	f.Fuzz(func(t *testing.T, authorization string) {
		claims, err := fx.v.ValidateAuthorization(bg, authorization)
		if err != nil {
			if why := checkRefusal(authorization, err); why != nil {
				t.Fatal(why)
			}
			return
		}
		m := bearerSyntax.FindStringSubmatch(authorization)
		if m == nil {
			t.Fatalf("accepted %q, which is not a bearer credential", authorization)
		}
		if why := checkSigned(pub, m[1]); why != nil {
			t.Fatalf("accepted a token the oracle refuses: %v", why)
		}
		again, err := fx.v.ValidateAuthorization(bg, authorization)
		if err != nil || !again.ExpiresAt.Equal(claims.ExpiresAt) || again.ClientID != claims.ClientID {
			t.Fatalf("accepted once, then got %v, %v", again, err)
		}
	})
}

// FuzzValidateSigned signs whatever header and claims the fuzzer makes
// with the trusted key, so that the checks after the signature are
// reached: every token accepted must satisfy the oracle's reading of
// its header and claims.
func FuzzValidateSigned(f *testing.F) {
	fx := newFixture(f)
	for _, c := range fx.attacks(f) {
		if h, p, ok := segments(c.Token()); ok {
			f.Add(h, p)
		}
	}
	pub := &fx.key.Private.PublicKey
	f.Fuzz(func(t *testing.T, header, claims string) {
		tok := signRaw(fx.key, header, claims)
		c, err := fx.v.Validate(bg, tok)
		if err != nil {
			if why := checkRefusal(tok, err); why != nil {
				t.Fatal(why)
			}
			return
		}
		if why := checkSigned(pub, tok); why != nil {
			t.Fatalf("accepted header %q claims %q, which the oracle refuses: %v", header, claims, why)
		}
		if c.Issuer != fixedIssuer {
			t.Fatalf("got issuer %q, want %q", c.Issuer, fixedIssuer)
		}
	})
}

// segments returns the decoded header and claims of a compact token, if
// it has that shape.
func segments(tok string) (header, claims string, ok bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "", "", false
	}
	h, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	p, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	return string(h), string(p), err1 == nil && err2 == nil
}

// TestFixtureAttackTable runs the table the fuzz targets are seeded with
// against the fixed tenant, so that the seeds reach the checks they are
// named after rather than failing early on an issuer or key mismatch.
func TestFixtureAttackTable(t *testing.T) {
	fx := newFixture(t)
	for _, c := range fx.attacks(t) {
		_, err := fx.v.ValidateAuthorization(bg, c.Authorization)
		var ae *m2mauth.AuthenticationError
		switch {
		case c.Reason == "" && err != nil:
			t.Errorf("%s: got %v, want acceptance", c.Name, err)
		case c.Reason != "" && (!errors.As(err, &ae) || ae.Reason != c.Reason):
			t.Errorf("%s: got %v, want reason %s", c.Name, err, c.Reason)
		}
	}
}
