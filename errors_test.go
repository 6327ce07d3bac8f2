package m2mauth_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/revup/m2mauth"
)

func TestErrorMessagesAndMatching(t *testing.T) {
	reset := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		err   error
		msg   string
		is    []error
		isNot []error
	}{
		{
			name:  "authentication error with detail and cause",
			err:   &m2mauth.AuthenticationError{Reason: m2mauth.ReasonKeysUnavailable, Detail: "no keys held", Err: io.ErrUnexpectedEOF},
			msg:   "m2mauth: signing keys unavailable: no keys held: unexpected EOF",
			is:    []error{m2mauth.ErrAuthentication, m2mauth.ErrKeysUnavailable, io.ErrUnexpectedEOF},
			isNot: []error{m2mauth.ErrKeyUnknown, m2mauth.ErrRateLimited},
		},
		{
			name:  "authentication error of an unknown reason",
			err:   m2mauth.NewAuthenticationError("made_up", ""),
			msg:   "m2mauth: authentication failed",
			is:    []error{m2mauth.ErrAuthentication},
			isNot: []error{m2mauth.ErrTokenMalformed},
		},
		{
			name:  "rate limit after one attempt",
			err:   &m2mauth.RateLimitError{Attempts: 1},
			msg:   "m2mauth: auth0 rate limit reached after 1 attempt",
			is:    []error{m2mauth.ErrRateLimited},
			isNot: []error{m2mauth.ErrAuthentication},
		},
		{
			name: "rate limit with a reset time",
			err:  &m2mauth.RateLimitError{Attempts: 5, RateLimit: m2mauth.RateLimit{Reset: reset}},
			msg:  "m2mauth: auth0 rate limit reached after 5 attempts; resets at 2026-12-03T12:00:00Z",
			is:   []error{m2mauth.ErrRateLimited},
		},
		{
			name:  "token endpoint refusal",
			err:   &m2mauth.TokenError{StatusCode: 401, Code: "access_denied", Description: "Unauthorized"},
			msg:   "m2mauth: token request failed: status 401: access_denied: Unauthorized",
			is:    []error{m2mauth.ErrAuthentication},
			isNot: []error{m2mauth.ErrRateLimited, m2mauth.ErrTokenExpired},
		},
		{
			name: "token request that never got an answer",
			err:  &m2mauth.TokenError{Err: io.EOF},
			msg:  "m2mauth: token request failed: EOF",
			is:   []error{m2mauth.ErrAuthentication, io.EOF},
		},
		{
			name:  "non-2xx answer from a called API",
			err:   fmt.Errorf("calling billing: %w", &m2mauth.HTTPError{StatusCode: 502, Status: "502 Bad Gateway"}),
			msg:   "calling billing: m2mauth: unexpected response status 502 Bad Gateway",
			isNot: []error{m2mauth.ErrAuthentication, m2mauth.ErrRateLimited},
		},
		{
			name: "non-2xx answer without a status line",
			err:  &m2mauth.HTTPError{StatusCode: 418},
			msg:  "m2mauth: unexpected response status 418",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.msg {
				t.Errorf("Error() = %q, want %q", got, tt.msg)
			}
			for _, target := range tt.is {
				if !errors.Is(tt.err, target) {
					t.Errorf("errors.Is(err, %v) = false, want true", target)
				}
			}
			for _, target := range tt.isNot {
				if errors.Is(tt.err, target) {
					t.Errorf("errors.Is(err, %v) = true, want false", target)
				}
			}
		})
	}
}

// TestEveryReasonHasItsOwnSentinel: each Reason matches its sentinel and
// no other reason's, so that errors.Is tells them apart.
func TestEveryReasonHasItsOwnSentinel(t *testing.T) {
	reasons := []m2mauth.Reason{
		m2mauth.ReasonMissingToken, m2mauth.ReasonMalformed, m2mauth.ReasonExpired,
		m2mauth.ReasonNotYetValid, m2mauth.ReasonBadSignature, m2mauth.ReasonUnknownKey,
		m2mauth.ReasonWrongIssuer, m2mauth.ReasonWrongAudience, m2mauth.ReasonAlgorithm,
		m2mauth.ReasonInsufficientScope, m2mauth.ReasonKeysUnavailable, m2mauth.ReasonInvalidClaims,
	}
	seen := map[error]m2mauth.Reason{}
	for _, r := range reasons {
		s := r.Sentinel()
		if s == m2mauth.ErrAuthentication {
			t.Errorf("%s has no sentinel of its own", r)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("%s and %s share the sentinel %v", r, other, s)
		}
		seen[s] = r
	}
	for _, r := range reasons {
		err := m2mauth.NewAuthenticationError(r, "")
		for _, other := range reasons {
			if got, want := errors.Is(err, other.Sentinel()), r == other; got != want {
				t.Errorf("errors.Is(%s error, sentinel of %s) = %v, want %v", r, other, got, want)
			}
		}
		var ae *m2mauth.AuthenticationError
		if !errors.As(fmt.Errorf("wrapped: %w", err), &ae) || ae.Reason != r {
			t.Errorf("errors.As lost the reason %s", r)
		}
	}
}

func TestParseRateLimit(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header map[string]string
		want   m2mauth.RateLimit
	}{
		{name: "no headers"},
		{
			name: "auth0's three headers",
			header: map[string]string{
				"X-RateLimit-Limit": "30", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1796299210",
			},
			want: m2mauth.RateLimit{Limit: 30, Reset: time.Unix(1796299210, 0)},
		},
		{
			name:   "retry-after in seconds",
			header: map[string]string{"Retry-After": "7"},
			want:   m2mauth.RateLimit{RetryAfter: 7 * time.Second},
		},
		{
			name:   "retry-after as a date",
			header: map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)},
			want:   m2mauth.RateLimit{RetryAfter: 90 * time.Second},
		},
		{
			name:   "retry-after date in the past",
			header: map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)},
		},
		{
			name:   "retry-after far away is capped at a day",
			header: map[string]string{"Retry-After": "999999999999"},
			want:   m2mauth.RateLimit{RetryAfter: 24 * time.Hour},
		},
		{
			name: "negative and garbage values are ignored",
			header: map[string]string{
				"X-RateLimit-Limit": "-1", "X-RateLimit-Remaining": "lots", "X-RateLimit-Reset": "0x10",
				"Retry-After": "-5",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			if got := m2mauth.ParseRateLimit(h, now); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
