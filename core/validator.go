package core

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/internal/tenant"
)

// Validator validates access tokens issued by one Auth0 tenant for one or
// more audiences. It is safe for concurrent use. Close it when done, to
// stop any key fetch still running.
type Validator struct {
	cfg    Config
	issuer string
	algs   []*algorithm
	keys   *keyFetcher
	cache  *tokenCache
}

// New checks cfg and returns a Validator. It makes no network call: the
// keys are fetched by the first request that needs them.
func New(cfg Config) (*Validator, error) {
	urls, err := tenant.Parse(cfg.Domain)
	if err != nil {
		return nil, err
	}
	cfg, err = cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	v := &Validator{cfg: cfg, issuer: urls.Issuer}
	for _, a := range allAlgorithms {
		for _, name := range cfg.Algorithms {
			if a.name == name {
				v.algs = append(v.algs, a)
			}
		}
	}
	if !cfg.DisableCache {
		v.cache = newTokenCache(cfg.CacheSize, &v.cfg.Hooks)
	}
	v.keys = newKeyFetcher(urls.JWKS, &v.cfg, v.keysRemoved)
	return v, nil
}

// Issuer returns the issuer tokens must carry, with its trailing slash.
func (v *Validator) Issuer() string { return v.issuer }

// Format prints the issuer and audiences v accepts, and nothing else:
// printed field by field, as under %s, v would show the keys of its
// verified-token cache, which are whole tokens.
func (v *Validator) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "core.Validator{%s %v}", v.issuer, v.cfg.Audience)
}

// Close stops any key fetch in progress and waits for it to end. Validate
// keeps working with the keys already held.
func (v *Validator) Close() error {
	v.keys.close()
	return nil
}

func (v *Validator) keysRemoved(kids map[string]bool) {
	if v.cache != nil {
		v.cache.dropKeys(kids)
	}
}

// ValidateAuthorization validates the value of an Authorization header,
// which must be "Bearer " followed by the token (the scheme is matched
// case-insensitively). An empty value is a missing token.
func (v *Validator) ValidateAuthorization(ctx context.Context, authorization string) (*Claims, error) {
	// A token the cache holds is byte for byte one that verified, made
	// of the base64url alphabet, so it would pass BearerToken's scan of
	// every byte, which on a kilobyte token costs more than the lookup.
	// On a hit the scan is skipped; on a miss all runs as Validate.
	if token, ok := bearerValue(authorization); ok && v.cache != nil {
		now := v.cfg.Now()
		if c := v.cache.lookup(token, now); c != nil {
			v.cache.hit()
			return v.fromCache(ctx, c, now)
		}
	}
	token, err := BearerToken(authorization)
	if err != nil {
		return nil, err
	}
	return v.Validate(ctx, token)
}

// BearerToken extracts the token from an Authorization header value as
// RFC 6750 section 2.1 defines it. Any other scheme, extra fields or
// characters outside the b64token alphabet make it malformed.
func BearerToken(authorization string) (string, error) {
	if authorization == "" {
		return "", m2mauth.NewAuthenticationError(m2mauth.ReasonMissingToken, "")
	}
	token, ok := bearerValue(authorization)
	if !ok || !isB64Token(token) {
		return "", malformed("authorization header is not a bearer token")
	}
	return token, nil
}

// bearerValue returns what follows the Bearer scheme, unchecked.
func bearerValue(authorization string) (string, bool) {
	scheme, token, ok := strings.Cut(authorization, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimLeft(token, " "), true
}

// isB64Token matches RFC 6750's b64token: 1*( ALPHA / DIGIT / "-" / "." /
// "_" / "~" / "+" / "/" ) *"=".
func isB64Token(s string) bool {
	i := b64token.prefixIn(s)
	if i == 0 {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] != '=' {
			return false
		}
	}
	return true
}

// Validate checks token and returns its verified claims. The checks run
// cheapest first, so that a token that is malformed, expired or meant for
// someone else costs no signature verification and no key fetch:
//
//  1. size, then shape: three base64url segments, nothing else;
//  2. header: alg among Config.Algorithms, a kid, no crit, an access
//     token typ if any;
//  3. claims: no duplicate names, exp present and a number; exp, nbf and
//     iat against the clock with Config.Leeway; iss equal to the issuer;
//     aud naming a configured audience;
//  4. the key of that kid in the tenant's key set, and the signature;
//  5. Config.RequiredScopes and Config.ValidateClaims.
//
// The first failing check gives the error, an *m2mauth.AuthenticationError.
func (v *Validator) Validate(ctx context.Context, token string) (*Claims, error) {
	if token == "" {
		return nil, m2mauth.NewAuthenticationError(m2mauth.ReasonMissingToken, "")
	}
	if len(token) > v.cfg.MaxTokenSize {
		return nil, malformed("token too large")
	}
	if v.cache != nil {
		now := v.cfg.Now()
		if c := v.cache.get(token, now); c != nil {
			return v.fromCache(ctx, c, now)
		}
	}
	c, err := v.verify(ctx, token)
	if err != nil {
		return nil, err
	}
	return v.authorize(ctx, c)
}

// fromCache answers with claims the cache held at now.
func (v *Validator) fromCache(ctx context.Context, c *Claims, now time.Time) (*Claims, error) {
	v.keys.refreshIfStale(v.keys.current.Load(), now)
	return v.authorize(ctx, c)
}

func (v *Validator) authorize(ctx context.Context, c *Claims) (*Claims, error) {
	if len(v.cfg.RequiredScopes) > 0 {
		if err := c.RequireScopes(v.cfg.RequiredScopes...); err != nil {
			return nil, err
		}
	}
	if v.cfg.ValidateClaims != nil {
		if err := v.cfg.ValidateClaims(ctx, c); err != nil {
			return nil, &m2mauth.AuthenticationError{
				Reason: m2mauth.ReasonInvalidClaims,
				Detail: "rejected by custom check",
				Err:    err,
			}
		}
	}
	return c, nil
}

func (v *Validator) verify(ctx context.Context, token string) (*Claims, error) {
	h64, p64, s64, ok := parts(token)
	if !ok {
		return nil, malformed("not a compact JWS")
	}
	var hbuf [256]byte
	hraw, ok := decodeSegment(hbuf[:0], h64)
	if !ok {
		return nil, malformed("header is not base64url")
	}
	hdr, err := v.parseHeader(hraw)
	if err != nil {
		return nil, err
	}
	payload, ok := decodeSegment(nil, p64)
	if !ok {
		return nil, malformed("claims are not base64url")
	}
	c := &Claims{payload: payload}
	if err := parseClaims(payload, c); err != nil {
		return nil, err
	}
	if err := v.checkClaims(c); err != nil {
		return nil, err
	}
	var sbuf [maxRSABits / 8]byte
	sig, ok := decodeSegment(sbuf[:0], s64)
	if !ok {
		return nil, malformed("signature is not base64url")
	}
	pub, err := v.keys.key(ctx, hdr.kid)
	if err != nil {
		return nil, keyError(err)
	}
	if hdr.alg.verify(pub, token[:len(h64)+1+len(p64)], sig) != nil {
		return nil, m2mauth.NewAuthenticationError(m2mauth.ReasonBadSignature, "")
	}
	if v.cache != nil {
		v.cache.put(token, c, string(hdr.kid), c.ExpiresAt.Add(v.cfg.Leeway), v.cfg.Now())
	}
	return c, nil
}

func keyError(err error) error {
	var unavailable *keysUnavailable
	if errors.As(err, &unavailable) {
		return &m2mauth.AuthenticationError{
			Reason: m2mauth.ReasonKeysUnavailable,
			Err:    unavailable.err,
		}
	}
	return m2mauth.NewAuthenticationError(m2mauth.ReasonUnknownKey, "")
}

func (v *Validator) checkClaims(c *Claims) error {
	now := v.cfg.Now()
	leeway := v.cfg.Leeway
	switch {
	case !now.Before(c.ExpiresAt.Add(leeway)):
		return m2mauth.NewAuthenticationError(m2mauth.ReasonExpired, "")
	case !c.NotBefore.IsZero() && c.NotBefore.After(now.Add(leeway)):
		return m2mauth.NewAuthenticationError(m2mauth.ReasonNotYetValid, "")
	case !c.IssuedAt.IsZero() && c.IssuedAt.After(now.Add(leeway)):
		return m2mauth.NewAuthenticationError(m2mauth.ReasonNotYetValid, "issued in the future")
	case c.Issuer != v.issuer:
		return m2mauth.NewAuthenticationError(m2mauth.ReasonWrongIssuer, "")
	case !v.audienceOK(c.Audience):
		return m2mauth.NewAuthenticationError(m2mauth.ReasonWrongAudience, "")
	}
	return nil
}

func (v *Validator) audienceOK(auds []string) bool {
	for _, a := range auds {
		for _, want := range v.cfg.Audience {
			if a == want {
				return true
			}
		}
	}
	return false
}
