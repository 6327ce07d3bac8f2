package core

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/internal/tenant"
)

// TokenSource obtains the access tokens of one Auth0 application for one
// audience with the client-credentials grant, and reuses each for its
// whole life: Auth0 counts every token it issues against a quota.
//
// Whatever the number of goroutines asking, at most one fetch runs at a
// time, and its outcome, token or error, is shared by all who wait for
// it. A caller waits only when no valid token is held; from
// RefreshWindow before expiry, the first caller starts a renewal in the
// background and everyone keeps being served the current token until the
// new one arrives. A failed renewal is logged, reported to the hooks and
// tried again a little later; it never fails a caller while the current
// token is valid. Renewals are started by callers, not by a timer, so an
// idle source asks Auth0 for nothing.
//
// A TokenSource is safe for concurrent use. Printing it shows neither the
// secret nor a token. Close it when done.
type TokenSource struct {
	// cfg holds no secret: fmt prints unexported fields without calling
	// their methods, so the secret lives behind a pointer, which fmt
	// prints as an address.
	cfg      TokenConfig
	secret   *string
	key      TokenKey
	tokenURL string

	current atomic.Pointer[tokenEntry]
	// renewAfter is the UnixNano time before which no renewal starts: it
	// keeps the fast path off the mutex while a renewal runs, and spaces
	// renewals after a failure.
	renewAfter atomic.Int64

	mu        sync.Mutex
	inflight  *flight
	hold      *m2mauth.RateLimitError
	holdUntil time.Time
	dropped   [sha256.Size]byte // the last token dropped by Invalidate
	lastDrop  time.Time
	closed    bool

	ctx    context.Context // canceled by Close; bounds every fetch
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// flight is one fetch; done is closed when entry or err is set.
type flight struct {
	done  chan struct{}
	entry *tokenEntry
	err   error
}

// tokenEntry is an immutable token with its renewal plan.
type tokenEntry struct {
	tok       Token
	oauth2    *oauth2.Token
	refreshAt time.Time
	// staleAt is when the token stops being handed out: a little before
	// its expiry, so that it does not expire on the way to the API.
	staleAt time.Time
}

// expiryMargin is how long before expiry a token stops being handed out,
// at most a tenth of its life.
const expiryMargin = 10 * time.Second

// renewRetry is the longest pause between two renewal attempts after a
// failure, short of a rate limit asking for longer.
const renewRetry = 10 * time.Second

var errClosed = errors.New("m2mauth: token source is closed")

// NewTokenSource checks cfg and returns a TokenSource. It makes no
// network call: the first token is fetched by the first caller. A
// missing client id, secret or audience is reported with
// m2mauth.ErrMissingClientID, ErrMissingClientSecret or
// ErrMissingAudience.
func NewTokenSource(cfg TokenConfig) (*TokenSource, error) {
	urls, err := tenant.Parse(cfg.Domain)
	if err != nil {
		return nil, err
	}
	cfg, err = cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	secret := cfg.ClientSecret
	cfg.ClientSecret = ""
	ctx, cancel := context.WithCancel(context.Background())
	return &TokenSource{
		cfg:    cfg,
		secret: &secret,
		key: TokenKey{
			Issuer:     urls.Issuer,
			ClientID:   cfg.ClientID,
			Audience:   cfg.Audience,
			Scope:      scopeKey(cfg.Scopes),
			Credential: credentialOf(secret),
		},
		tokenURL: urls.Token,
		ctx:      ctx,
		cancel:   cancel,
	}, nil
}

// scopeKey sorts and deduplicates scopes: their order means nothing
// (RFC 6749 section 3.3), so it must not split the cache.
func scopeKey(scopes []string) string {
	var list []string
	for _, s := range scopes {
		list = append(list, strings.Fields(s)...)
	}
	sort.Strings(list)
	list = compact(list)
	return strings.Join(list, " ")
}

func compact(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// Key returns the key under which the source's tokens are cached.
func (s *TokenSource) Key() TokenKey { return s.key }

// Token returns a valid access token, waiting for a fetch only when none
// is held. ctx bounds this caller's wait, not the fetch, which goes on
// for the other callers and has its own limits (FetchTimeout,
// MaxAttempts, MaxRetryWait). The returned Token is a copy.
func (s *TokenSource) Token(ctx context.Context) (Token, error) {
	e, err := s.entry(ctx)
	if err != nil {
		return Token{}, err
	}
	return e.tok, nil
}

func (s *TokenSource) entry(ctx context.Context) (*tokenEntry, error) {
	now := s.cfg.Now()
	e := s.current.Load()
	if e == nil || !now.Before(e.staleAt) {
		return s.wait(ctx)
	}
	if !now.Before(e.refreshAt) && now.UnixNano() >= s.renewAfter.Load() {
		s.renew()
	}
	return e, nil
}

// OAuth2 returns the source as an oauth2.TokenSource, for libraries that
// take one, such as gRPC's per-RPC credentials. Its Token method has no
// context: a caller waits for a fetch as long as the fetch's own limits
// allow. The returned tokens are shared and must not be modified.
func (s *TokenSource) OAuth2() oauth2.TokenSource { return oauth2Source{s} }

type oauth2Source struct{ s *TokenSource }

// Format prints the source it adapts: fmt would print the pointee's
// fields raw under some verbs.
func (o oauth2Source) Format(f fmt.State, verb rune) { o.s.Format(f, verb) }

func (o oauth2Source) Token() (*oauth2.Token, error) {
	e, err := o.s.entry(context.Background())
	if err != nil {
		return nil, err
	}
	return e.oauth2, nil
}

// Invalidate drops accessToken if it is the token being handed out, so
// that the next caller gets a new one: call it when an API answers 401
// to it. It reports whether the token was dropped. Many callers that saw
// the same token refused cause one fetch: after the first, the token is
// no longer current. At most one token is dropped per
// InvalidateInterval, so an API that refuses every token cannot make
// each request spend one from Auth0's quota.
func (s *TokenSource) Invalidate(accessToken string) bool {
	e := s.current.Load()
	if e == nil || e.tok.AccessToken != accessToken {
		return false
	}
	s.mu.Lock()
	now := s.cfg.Now()
	if !s.lastDrop.IsZero() && now.Sub(s.lastDrop) < s.cfg.InvalidateInterval ||
		!s.current.CompareAndSwap(e, nil) {
		s.mu.Unlock()
		return false
	}
	s.dropped, s.lastDrop = sha256.Sum256([]byte(accessToken)), now
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.FetchTimeout)
	defer cancel()
	if err := s.cfg.Store.Delete(ctx, s.key, accessToken); err != nil {
		s.storeFailed("deleting", err)
	}
	if h := s.cfg.Hooks.Invalidated; h != nil {
		h(s.key)
	}
	return true
}

// Close stops any fetch in progress and waits for it to end. Tokens
// already held are still handed out until they go stale; after that,
// Token fails.
func (s *TokenSource) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
	return nil
}

// Format prints what the source is for, never its secret or tokens.
func (s *TokenSource) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "core.TokenSource{%s}", s.key)
}

func (s *TokenSource) logAttrs() []any {
	return []any{
		"issuer", s.key.Issuer, "client_id", s.key.ClientID,
		"audience", s.key.Audience, "scope", s.key.Scope,
	}
}
