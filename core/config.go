package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/revup/m2mauth"
)

// Defaults for the zero values of Config.
const (
	DefaultLeeway             = 30 * time.Second
	DefaultKeyRefreshInterval = 10 * time.Minute
	DefaultKeyRefetchInterval = 15 * time.Second
	DefaultFetchTimeout       = 10 * time.Second
	DefaultMaxTokenSize       = 8 << 10
	DefaultCacheSize          = 4096
	DefaultMaxKeySetSize      = 512 << 10
)

// Config configures a Validator. The zero value of every optional field
// is the safe, documented default.
type Config struct {
	// Domain is the Auth0 tenant. A bare host ("example.eu.auth0.com")
	// means https; a URL with a scheme is accepted too, and plain http only
	// for loopback hosts. The token's iss must be this URL with exactly one
	// trailing slash. Required.
	Domain string

	// Audience lists the accepted audiences: a token must name at least
	// one of them in aud. Required.
	Audience []string

	// Algorithms lists the accepted signing algorithms. The algorithm is
	// always taken from here, never trusted from the token. Supported:
	// RS256, RS384, RS512, PS256, PS384 and PS512. Default: RS256 only,
	// which is what Auth0 signs access tokens with.
	Algorithms []string

	// Leeway absorbs clock skew when checking exp, nbf and iat.
	// Default: DefaultLeeway. A negative value means no leeway.
	Leeway time.Duration

	// RequiredScopes must all be granted to every token, in its scope
	// claim or in Auth0's RBAC permissions claim (exact match).
	RequiredScopes []string

	// ValidateClaims, if set, runs after every other check, on every
	// call, including calls answered from the cache. A non-nil error
	// refuses the token with m2mauth.ReasonInvalidClaims, wrapping it.
	ValidateClaims func(ctx context.Context, c *Claims) error

	// HTTPClient fetches the key set. Default: a client with no
	// redirects. Redirects are refused whatever client is given: Auth0
	// never redirects its key set, and following one would let a third
	// host choose the keys.
	HTTPClient *http.Client

	// Logger receives background events (key refreshes and their
	// failures). Default: slog.Default(). Requests are never logged.
	Logger *slog.Logger

	// Now is the clock. Default: time.Now.
	Now func() time.Time

	// KeyRefreshInterval is how old the key set may grow before a request
	// triggers a refresh in the background. Default:
	// DefaultKeyRefreshInterval.
	KeyRefreshInterval time.Duration

	// KeyRefetchInterval is the least time between two fetches of the key
	// set caused by tokens whose kid is unknown, so that a flood of
	// random kids cannot hammer the tenant. Default:
	// DefaultKeyRefetchInterval.
	KeyRefetchInterval time.Duration

	// FetchTimeout bounds one fetch of the key set. Default:
	// DefaultFetchTimeout.
	FetchTimeout time.Duration

	// MaxKeySetSize bounds the key set's body in bytes. Default:
	// DefaultMaxKeySetSize.
	MaxKeySetSize int64

	// MaxTokenSize refuses longer tokens before any parsing. Default:
	// DefaultMaxTokenSize.
	MaxTokenSize int

	// CacheSize bounds how many verified tokens are remembered. Default:
	// DefaultCacheSize. An entry never outlives its token's exp nor its
	// signing key's presence in the key set; failed tokens are never
	// cached.
	CacheSize int

	// DisableCache turns the verified-token cache off: every call then
	// verifies the signature.
	DisableCache bool

	// Hooks receive events to count or log.
	Hooks Hooks
}

// Hooks are called synchronously; they must be quick and safe for
// concurrent use. Any of them may be nil.
type Hooks struct {
	// KeysFetched runs after every fetch of the key set.
	KeysFetched func(KeysFetch)
	// CacheHit and CacheMiss run when a token is or is not found in the
	// verified-token cache.
	CacheHit  func()
	CacheMiss func()
	// CacheEvicted runs when n entries leave the cache other than by
	// being found expired: to make room for a new one, or because their
	// key left the key set (entries of such a key that had expired count
	// too).
	CacheEvicted func(n int)
}

// KeysFetch describes one fetch of the key set.
type KeysFetch struct {
	// Keys is how many usable keys the set held; Added and Removed are
	// the key ids that appeared and disappeared since the last fetch.
	Keys           int
	Added, Removed []string
	Duration       time.Duration
	// Err is why the fetch failed; the keys held before stay in use.
	Err error
}

var algorithms = map[string]bool{
	"RS256": true, "RS384": true, "RS512": true,
	"PS256": true, "PS384": true, "PS512": true,
}

func (c Config) withDefaults() (Config, error) {
	if len(c.Audience) == 0 {
		return c, m2mauth.ErrMissingAudience
	}
	for _, aud := range c.Audience {
		if aud == "" {
			return c, m2mauth.ErrMissingAudience
		}
	}
	if len(c.Algorithms) == 0 {
		c.Algorithms = []string{"RS256"}
	}
	for _, alg := range c.Algorithms {
		if !algorithms[alg] {
			return c, fmt.Errorf("m2mauth: unsupported algorithm %q", alg)
		}
	}
	switch {
	case c.Leeway == 0:
		c.Leeway = DefaultLeeway
	case c.Leeway < 0:
		c.Leeway = 0
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{}
	}
	c.HTTPClient = noRedirects(c.HTTPClient)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.KeyRefreshInterval = orDefault(c.KeyRefreshInterval, DefaultKeyRefreshInterval)
	c.KeyRefetchInterval = orDefault(c.KeyRefetchInterval, DefaultKeyRefetchInterval)
	c.FetchTimeout = orDefault(c.FetchTimeout, DefaultFetchTimeout)
	c.MaxKeySetSize = orDefault(c.MaxKeySetSize, DefaultMaxKeySetSize)
	c.MaxTokenSize = orDefault(c.MaxTokenSize, DefaultMaxTokenSize)
	c.CacheSize = orDefault(c.CacheSize, DefaultCacheSize)
	return c, nil
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

var errRedirect = errors.New("redirects are not followed")

func noRedirects(c *http.Client) *http.Client {
	cp := *c
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return errRedirect }
	return &cp
}
