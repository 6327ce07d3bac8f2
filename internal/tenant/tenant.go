// Package tenant turns the Auth0 domain a user configures into the URLs of
// that tenant, with the same rules on the inbound and the outbound side.
package tenant

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/revup/m2mauth"
)

// URLs are the endpoints of one Auth0 tenant.
type URLs struct {
	// Issuer is "https://{domain}/", with exactly one trailing slash.
	Issuer   string
	JWKS     string
	Token    string
	Loopback bool
}

// Parse accepts a bare host ("tenant.eu.auth0.com"), which means https, or
// a URL with a scheme. Plain http is allowed only for loopback hosts, so
// that a typo cannot send keys or secrets over the network in clear text.
func Parse(domain string) (URLs, error) {
	domain = strings.TrimSpace(domain)
	if domain == "" {
		return URLs{}, m2mauth.ErrMissingDomain
	}
	raw := domain
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return URLs{}, fmt.Errorf("m2mauth: invalid auth0 domain %q: %w", domain, errors.Unwrap(err))
	}
	if err := check(u); err != nil {
		return URLs{}, fmt.Errorf("m2mauth: invalid auth0 domain %q: %w", domain, err)
	}
	issuer := u.Scheme + "://" + u.Host + "/"
	return URLs{
		Issuer:   issuer,
		JWKS:     issuer + ".well-known/jwks.json",
		Token:    issuer + "oauth/token",
		Loopback: IsLoopback(u.Hostname()),
	}, nil
}

func check(u *url.URL) error {
	switch {
	case u.Host == "" || u.Hostname() == "":
		return errors.New("no host")
	case u.User != nil:
		return errors.New("user information is not allowed")
	case u.Path != "" && u.Path != "/":
		return errors.New("a path is not allowed")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return errors.New("a query or fragment is not allowed")
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && IsLoopback(u.Hostname()):
		return nil
	case u.Scheme == "http":
		return errors.New("plain http is allowed only for loopback hosts")
	}
	return fmt.Errorf("unsupported scheme %q", u.Scheme)
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
