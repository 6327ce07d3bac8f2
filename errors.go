package m2mauth

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Sentinels for missing configuration. They replace the Python library's
// NullClientIdError, NullClientSecretError and NullAudienceError, and are
// returned before any network call is made.
var (
	ErrMissingDomain       = errors.New("m2mauth: missing auth0 domain")
	ErrMissingClientID     = errors.New("m2mauth: missing client id")
	ErrMissingClientSecret = errors.New("m2mauth: missing client secret")
	ErrMissingAudience     = errors.New("m2mauth: missing audience")
)

// ErrAuthentication matches every authentication failure, inbound or
// outbound: an *AuthenticationError from token validation and a
// *TokenError from Auth0's token endpoint. It is the Go spelling of the
// Python library's AuthenticationError.
var ErrAuthentication = errors.New("m2mauth: authentication failed")

// ErrRateLimited matches a *RateLimitError: Auth0 kept answering 429 after
// every retry. It is the Go spelling of Auth0RateLimitReachedException.
var ErrRateLimited = errors.New("m2mauth: auth0 rate limit reached")

// Sentinels for each validation Reason. An *AuthenticationError matches the
// sentinel of its Reason through errors.Is, and ErrAuthentication as well.
var (
	ErrTokenMissing        = errors.New("m2mauth: missing bearer token")
	ErrTokenMalformed      = errors.New("m2mauth: malformed token")
	ErrTokenExpired        = errors.New("m2mauth: token expired")
	ErrTokenNotYetValid    = errors.New("m2mauth: token not yet valid")
	ErrSignatureInvalid    = errors.New("m2mauth: invalid token signature")
	ErrKeyUnknown          = errors.New("m2mauth: unknown signing key")
	ErrIssuerInvalid       = errors.New("m2mauth: invalid token issuer")
	ErrAudienceInvalid     = errors.New("m2mauth: invalid token audience")
	ErrAlgorithmNotAllowed = errors.New("m2mauth: signing algorithm not allowed")
	ErrInsufficientScope   = errors.New("m2mauth: insufficient scope")
	ErrKeysUnavailable     = errors.New("m2mauth: signing keys unavailable")
	ErrClaimsInvalid       = errors.New("m2mauth: invalid token claims")
)

// Reason says in a stable, machine-readable word why a token was refused.
// Its string form is safe to put in logs, metrics and response bodies.
type Reason string

// The reasons a token can be refused.
const (
	ReasonMissingToken      Reason = "missing_token"
	ReasonMalformed         Reason = "malformed_token"
	ReasonExpired           Reason = "token_expired"
	ReasonNotYetValid       Reason = "token_not_yet_valid"
	ReasonBadSignature      Reason = "invalid_signature"
	ReasonUnknownKey        Reason = "unknown_key"
	ReasonWrongIssuer       Reason = "invalid_issuer"
	ReasonWrongAudience     Reason = "invalid_audience"
	ReasonAlgorithm         Reason = "algorithm_not_allowed"
	ReasonInsufficientScope Reason = "insufficient_scope"
	ReasonKeysUnavailable   Reason = "keys_unavailable"
	ReasonInvalidClaims     Reason = "invalid_claims"
)

var reasonSentinels = map[Reason]error{
	ReasonMissingToken:      ErrTokenMissing,
	ReasonMalformed:         ErrTokenMalformed,
	ReasonExpired:           ErrTokenExpired,
	ReasonNotYetValid:       ErrTokenNotYetValid,
	ReasonBadSignature:      ErrSignatureInvalid,
	ReasonUnknownKey:        ErrKeyUnknown,
	ReasonWrongIssuer:       ErrIssuerInvalid,
	ReasonWrongAudience:     ErrAudienceInvalid,
	ReasonAlgorithm:         ErrAlgorithmNotAllowed,
	ReasonInsufficientScope: ErrInsufficientScope,
	ReasonKeysUnavailable:   ErrKeysUnavailable,
	ReasonInvalidClaims:     ErrClaimsInvalid,
}

// Sentinel returns the sentinel error that matches r, or ErrAuthentication
// for a reason this package does not define.
func (r Reason) Sentinel() error {
	if err, ok := reasonSentinels[r]; ok {
		return err
	}
	return ErrAuthentication
}

// AuthenticationError reports why an inbound token was refused. Detail is
// a short human explanation; it never holds the token or any part of it
// beyond what the caller could read in its own header (an algorithm name,
// a claim name).
type AuthenticationError struct {
	Reason Reason
	Detail string
	// Err is the underlying cause, such as a JWKS fetch failure, if any.
	Err error
}

// NewAuthenticationError returns an *AuthenticationError for reason with
// the given detail.
func NewAuthenticationError(reason Reason, detail string) *AuthenticationError {
	return &AuthenticationError{Reason: reason, Detail: detail}
}

func (e *AuthenticationError) Error() string {
	msg := e.Reason.Sentinel().Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is reports whether target is ErrAuthentication or the sentinel of the
// error's Reason.
func (e *AuthenticationError) Is(target error) bool {
	return target == ErrAuthentication || target == e.Reason.Sentinel()
}

func (e *AuthenticationError) Unwrap() error { return e.Err }

// RateLimit holds Auth0's X-RateLimit-* headers from one answer. Fields
// whose header was absent or unparsable are zero.
type RateLimit struct {
	Limit     int
	Remaining int
	// Reset is when the bucket refills, from X-RateLimit-Reset (Unix seconds).
	Reset time.Time
	// RetryAfter is the server's Retry-After, in seconds or as a date,
	// converted to a duration from the moment the answer was read.
	RetryAfter time.Duration
}

// ParseRateLimit reads the rate-limit headers of an answer received at
// now. Malformed values are ignored rather than trusted.
func ParseRateLimit(h http.Header, now time.Time) RateLimit {
	var rl RateLimit
	rl.Limit = headerInt(h, "X-RateLimit-Limit")
	rl.Remaining = headerInt(h, "X-RateLimit-Remaining")
	if reset := headerInt(h, "X-RateLimit-Reset"); reset > 0 {
		rl.Reset = time.Unix(int64(reset), 0)
	}
	rl.RetryAfter = retryAfter(h.Get("Retry-After"), now)
	return rl
}

func headerInt(h http.Header, name string) int {
	n, err := strconv.Atoi(h.Get(name))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// maxRetryAfter caps what a server may ask us to wait, so that a hostile
// or broken header cannot park a caller for days.
const maxRetryAfter = 24 * time.Hour

func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		d = time.Duration(min(int64(secs), int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// RateLimitError reports that Auth0's token endpoint kept answering 429
// until the retry budget ran out. It matches ErrRateLimited.
type RateLimitError struct {
	RateLimit
	// Attempts is how many token requests were made, the first included.
	Attempts int
}

func (e *RateLimitError) Error() string {
	attempts := "attempts"
	if e.Attempts == 1 {
		attempts = "attempt"
	}
	msg := fmt.Sprintf("m2mauth: auth0 rate limit reached after %d %s", e.Attempts, attempts)
	if !e.Reset.IsZero() {
		msg += "; resets at " + e.Reset.UTC().Format(time.RFC3339)
	}
	return msg
}

// Is reports whether target is ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// TokenError reports a failed client-credentials grant: Auth0 answered
// with an error other than a rate limit, or with something that is not a
// token. It matches ErrAuthentication.
type TokenError struct {
	// StatusCode is the HTTP status of the answer, or 0 when none came.
	StatusCode int
	// Code and Description are Auth0's "error" and "error_description".
	Code        string
	Description string
	RateLimit   RateLimit
	// Err is the underlying cause (a network error, a decoding error).
	Err error
}

func (e *TokenError) Error() string {
	msg := "m2mauth: token request failed"
	if e.StatusCode != 0 {
		msg += ": status " + strconv.Itoa(e.StatusCode)
	}
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + e.Description
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is reports whether target is ErrAuthentication.
func (e *TokenError) Is(target error) bool { return target == ErrAuthentication }

func (e *TokenError) Unwrap() error { return e.Err }

// HTTPError reports a non-2xx answer from a service called through the
// outbound client. Body holds at most the first few KiB of the answer.
type HTTPError struct {
	StatusCode int
	Status     string
	Header     http.Header
	Body       []byte
	// Response is the answer itself; its Body reads the same bytes as
	// Body followed by whatever was not yet read.
	Response *http.Response
}

func (e *HTTPError) Error() string {
	if e.Status != "" {
		return "m2mauth: unexpected response status " + e.Status
	}
	return "m2mauth: unexpected response status " + strconv.Itoa(e.StatusCode)
}
