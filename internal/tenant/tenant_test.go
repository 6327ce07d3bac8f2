package tenant

import (
	"errors"
	"testing"

	"github.com/revup/m2mauth"
)

func TestParse(t *testing.T) {
	tests := []struct {
		domain string
		issuer string
	}{
		{"example.eu.auth0.com", "https://example.eu.auth0.com/"},
		{"  example.auth0.com  ", "https://example.auth0.com/"},
		{"https://example.auth0.com", "https://example.auth0.com/"},
		{"https://example.auth0.com/", "https://example.auth0.com/"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/"},
		{"http://localhost:9", "http://localhost:9/"},
		{"http://[::1]:9/", "http://[::1]:9/"},
	}
	for _, tt := range tests {
		u, err := Parse(tt.domain)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.domain, err)
			continue
		}
		if u.Issuer != tt.issuer {
			t.Errorf("Parse(%q).Issuer = %q, want %q", tt.domain, u.Issuer, tt.issuer)
		}
		if u.JWKS != tt.issuer+".well-known/jwks.json" || u.Token != tt.issuer+"oauth/token" {
			t.Errorf("Parse(%q) = %+v, wrong endpoints", tt.domain, u)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, domain := range []string{
		"http://example.auth0.com",
		"ftp://example.auth0.com",
		"https://user:pw@example.auth0.com",
		"https://example.auth0.com/tenant",
		"https://example.auth0.com//",
		"https://example.auth0.com/?x=1",
		"https://example.auth0.com/#f",
		"https://",
		"http://10.0.0.1",
	} {
		if _, err := Parse(domain); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", domain)
		}
	}
	if _, err := Parse(""); !errors.Is(err, m2mauth.ErrMissingDomain) {
		t.Errorf("Parse(\"\") = %v, want ErrMissingDomain", err)
	}
}
