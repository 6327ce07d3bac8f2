package core

import (
	"context"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/revup/m2mauth"
)

// The backoff is a few lines of arithmetic, written here because none of
// the backoff libraries honours Retry-After and X-RateLimit-Reset, which
// is what Auth0 tells a client to do.

// fetch asks the token endpoint for a token, retrying after 429, 5xx and
// network failures within MaxAttempts and MaxRetryWait. The last answer's
// rate-limit headers land in ev.
func (s *TokenSource) fetch(ctx context.Context, ev *TokenFetch) (*Token, error) {
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		ev.Attempts = attempt
		tok, te := s.exchange(ctx)
		if te == nil {
			return tok, nil
		}
		ev.RateLimit = te.RateLimit
		wait, again := s.retryWait(te, attempt)
		if !again || attempt >= s.cfg.MaxAttempts || waited+wait > s.cfg.MaxRetryWait {
			return nil, giveUp(te, attempt)
		}
		s.retrying(TokenRetry{
			Key: s.key, Attempt: attempt, Wait: wait,
			StatusCode: te.StatusCode, RateLimit: te.RateLimit, Err: te,
		})
		if err := sleep(ctx, wait); err != nil {
			return nil, &m2mauth.TokenError{Err: err}
		}
		waited += wait
	}
}

func giveUp(te *m2mauth.TokenError, attempts int) error {
	if te.StatusCode == http.StatusTooManyRequests {
		return &m2mauth.RateLimitError{RateLimit: te.RateLimit, Attempts: attempts}
	}
	return te
}

// retryWait says whether a failed request is worth repeating, and after
// how long. Only a rate limit, a server error or no answer at all are:
// any other refusal would be refused again.
func (s *TokenSource) retryWait(te *m2mauth.TokenError, attempt int) (time.Duration, bool) {
	switch {
	case te.StatusCode == http.StatusTooManyRequests:
		if d := s.serverWait(te.RateLimit); d > 0 {
			return d + jitter(d/10), true
		}
	case te.StatusCode == 0 && te.Err != nil, te.StatusCode >= 500:
	default:
		return 0, false
	}
	d := min(s.cfg.RetryBackoff<<(attempt-1), s.cfg.MaxRetryWait)
	if d <= 0 {
		d = s.cfg.MaxRetryWait
	}
	// Half fixed, half random: waiting callers of several processes
	// spread out, and no wait is ever near zero.
	return d/2 + jitter(d/2), true
}

// serverWait is how long Auth0 asked us to wait: Retry-After when sent,
// else until X-RateLimit-Reset, else zero.
func (s *TokenSource) serverWait(rl m2mauth.RateLimit) time.Duration {
	if rl.RetryAfter > 0 {
		return rl.RetryAfter
	}
	if !rl.Reset.IsZero() {
		return max(rl.Reset.Sub(s.cfg.Now()), 0)
	}
	return 0
}

func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// sleep waits for d unless ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *TokenSource) retrying(ev TokenRetry) {
	s.cfg.Logger.Info("m2mauth: token request failed; retrying",
		append(s.logAttrs(),
			"attempt", ev.Attempt, "wait", ev.Wait, "status", ev.StatusCode,
			"ratelimit_remaining", ev.RateLimit.Remaining,
			"ratelimit_reset", ev.RateLimit.Reset, "error", ev.Err.Error())...)
	if h := s.cfg.Hooks.Retrying; h != nil {
		h(ev)
	}
}
