package core

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/revup/m2mauth"
)

// Defaults for the zero values of TokenConfig.
const (
	// DefaultRefreshWindow is how long before expiry a token is renewed
	// in the background. For tokens that live less than twice as long,
	// renewal starts at half their life instead.
	DefaultRefreshWindow = 5 * time.Minute
	// DefaultTokenLifetime is assumed when Auth0's answer has no usable
	// expires_in: short, so that such a token is never kept for long.
	DefaultTokenLifetime = 5 * time.Minute
	DefaultMaxAttempts   = 5
	DefaultMaxRetryWait  = 30 * time.Second
	DefaultRetryBackoff  = 500 * time.Millisecond
	// DefaultInvalidateInterval is the least time between two tokens
	// dropped through Invalidate.
	DefaultInvalidateInterval = 30 * time.Second
	// DefaultMaxTokenResponse bounds the token endpoint's answer in bytes.
	DefaultMaxTokenResponse = 64 << 10
)

// AuthStyle says how the client authenticates to the token endpoint.
type AuthStyle int

const (
	// AuthInBody sends client_id and client_secret in the form body
	// (client_secret_post), Auth0's default for M2M applications.
	AuthInBody AuthStyle = iota
	// AuthInHeader sends them as HTTP Basic credentials
	// (client_secret_basic, RFC 6749 section 2.3.1).
	AuthInHeader
)

// TokenConfig configures a TokenSource: one Auth0 application asking
// for tokens for one audience. The zero value of every optional field is
// the safe, documented default.
//
// Printing a TokenConfig with any fmt verb shows the client secret as
// "[redacted]".
type TokenConfig struct {
	// Domain is the Auth0 tenant, with the same rules as Config.Domain.
	// Required.
	Domain string

	// ClientID and ClientSecret are the application's credentials.
	// Required.
	ClientID     string
	ClientSecret string

	// Audience is the API the token is for. Required.
	Audience string

	// Scopes, if set, asks for these scopes only, sent space-separated
	// in the scope parameter. Auth0 grants every scope of the client
	// grant when none is asked for.
	Scopes []string

	// AuthStyle chooses client_secret_post (the default) or
	// client_secret_basic.
	AuthStyle AuthStyle

	// HTTPClient sends the token requests. Default: a client with no
	// redirects, which are refused whatever client is given, so that the
	// secret is never sent to a host other than the tenant.
	HTTPClient *http.Client

	// Logger receives background events: renewals, retries and their
	// failures. Default: slog.Default(). Tokens and secrets are never
	// logged.
	Logger *slog.Logger

	// Now is the clock. Default: time.Now.
	Now func() time.Time

	// Store keeps tokens beyond this TokenSource, so that sources that
	// share it, in this process or others, reuse each other's tokens.
	// Default: a MemoryStore of the source's own.
	Store TokenStore

	// RefreshWindow is how long before expiry a token is renewed in the
	// background while it is still served. Default:
	// DefaultRefreshWindow, and never more than half the token's life.
	RefreshWindow time.Duration

	// FetchTimeout bounds one token request. Default:
	// DefaultFetchTimeout.
	FetchTimeout time.Duration

	// MaxAttempts bounds the token requests of one fetch, the first
	// included, when Auth0 answers 429 or 5xx or cannot be reached.
	// Default: DefaultMaxAttempts.
	MaxAttempts int

	// MaxRetryWait bounds the total time one fetch spends waiting
	// between attempts. A wait Auth0 asks for that does not fit ends
	// the fetch at once. Default: DefaultMaxRetryWait.
	MaxRetryWait time.Duration

	// RetryBackoff is the first wait between attempts when Auth0 gives
	// neither Retry-After nor X-RateLimit-Reset; it doubles after each
	// attempt, with jitter.
	// Default: DefaultRetryBackoff.
	RetryBackoff time.Duration

	// InvalidateInterval is the least time between two tokens dropped
	// through Invalidate, so that an API that answers 401 to every token
	// cannot make each request spend one from Auth0's quota. Default:
	// DefaultInvalidateInterval.
	InvalidateInterval time.Duration

	// MaxResponseSize bounds the token endpoint's answer in bytes.
	// Default: DefaultMaxTokenResponse.
	MaxResponseSize int64

	// Hooks receive events to count or log.
	Hooks TokenHooks
}

func (c TokenConfig) withDefaults() (TokenConfig, error) {
	switch {
	case strings.TrimSpace(c.ClientID) == "":
		return c, m2mauth.ErrMissingClientID
	case c.ClientSecret == "":
		return c, m2mauth.ErrMissingClientSecret
	case strings.TrimSpace(c.Audience) == "":
		return c, m2mauth.ErrMissingAudience
	case c.AuthStyle != AuthInBody && c.AuthStyle != AuthInHeader:
		return c, fmt.Errorf("m2mauth: unknown auth style %d", c.AuthStyle)
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
	if c.Store == nil {
		c.Store = NewMemoryStore()
	}
	c.RefreshWindow = orDefault(c.RefreshWindow, DefaultRefreshWindow)
	c.FetchTimeout = orDefault(c.FetchTimeout, DefaultFetchTimeout)
	c.MaxAttempts = orDefault(c.MaxAttempts, DefaultMaxAttempts)
	c.MaxRetryWait = orDefault(c.MaxRetryWait, DefaultMaxRetryWait)
	c.RetryBackoff = orDefault(c.RetryBackoff, DefaultRetryBackoff)
	c.InvalidateInterval = orDefault(c.InvalidateInterval, DefaultInvalidateInterval)
	c.MaxResponseSize = orDefault(c.MaxResponseSize, DefaultMaxTokenResponse)
	return c, nil
}

const redacted = "[redacted]"

// Format prints c as fmt would, with the client secret replaced.
func (c TokenConfig) Format(f fmt.State, verb rune) {
	// A type without methods, so that printing it does not recurse.
	type tokenConfig TokenConfig
	p := tokenConfig(c)
	if p.ClientSecret != "" {
		p.ClientSecret = redacted
	}
	printAs(f, verb, p, "core.tokenConfig", "core.TokenConfig")
}

// printAs prints v as fmt would, naming its type public under %#v: the
// copies Format methods print have a private type of the same shape.
func printAs(f fmt.State, verb rune, v any, private, public string) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), v)
	if verb == 'v' && f.Flag('#') {
		s = strings.Replace(s, private, public, 1)
	}
	fmt.Fprint(f, s)
}
