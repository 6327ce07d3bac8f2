package core

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"time"

	"golang.org/x/oauth2"

	"github.com/revup/m2mauth"
)

// One fetch at a time is kept with a mutex and a channel rather than
// golang.org/x/sync/singleflight: Close must refuse new fetches and wait
// for the running one under the lock that starts them, a caller must
// learn whether a valid token arrived while it queued for that lock, and
// a failed fetch leaves state behind (the rate-limit hold, the renewal
// pause) that singleflight has no place for.

// wait returns the outcome of the running fetch, starting one if none
// runs, for a caller that holds no valid token.
func (s *TokenSource) wait(ctx context.Context) (*tokenEntry, error) {
	f, e, err := s.join()
	if f == nil {
		return e, err
	}
	if h := s.cfg.Hooks.Waited; h != nil {
		h(s.key)
	}
	select {
	case <-f.done:
		return f.entry, f.err
	case <-ctx.Done():
		return nil, fmt.Errorf("m2mauth: waiting for a token: %w", ctx.Err())
	}
}

// join returns the fetch to wait for; or the token installed since the
// caller looked; or why no fetch may start: the source is closed, or
// Auth0 asked us to wait and that time has not passed.
func (s *TokenSource) join() (*flight, *tokenEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	if e := s.current.Load(); e != nil && now.Before(e.staleAt) {
		return nil, e, nil
	}
	switch {
	case s.inflight != nil:
		return s.inflight, nil, nil
	case s.closed:
		return nil, nil, errClosed
	case s.hold != nil && now.Before(s.holdUntil):
		return nil, nil, s.hold
	}
	return s.launch(false), nil, nil
}

// renew starts a renewal in the background unless one runs.
func (s *TokenSource) renew() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inflight == nil && !s.closed {
		s.launch(true)
	}
}

// launch starts a fetch; s.mu must be held.
func (s *TokenSource) launch(background bool) *flight {
	f := &flight{done: make(chan struct{})}
	s.inflight = f
	s.renewAfter.Store(math.MaxInt64)
	s.wg.Add(1)
	go s.run(f, background)
	return f
}

func (s *TokenSource) run(f *flight, background bool) {
	defer s.wg.Done()
	ev := TokenFetch{Key: s.key, Background: background}
	begin := time.Now()
	e, err := s.obtain(&ev)
	ev.Duration = time.Since(begin)
	ev.Err = err
	if e != nil {
		ev.Expiry = e.tok.Expiry
	}
	s.finish(f, e, err)
	s.report(ev)
}

func (s *TokenSource) finish(f *flight, e *tokenEntry, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight = nil
	if err == nil {
		s.current.Store(e)
		s.hold = nil
		s.renewAfter.Store(0)
	} else {
		s.pause(err)
	}
	f.entry, f.err = e, err
	close(f.done)
}

// pause spaces the next attempt after a failed fetch: renewals wait a
// while, shorter as expiry nears, and everyone waits as long as a rate
// limit asks, up to MaxRetryWait. s.mu must be held.
func (s *TokenSource) pause(err error) {
	now := s.cfg.Now()
	var d time.Duration
	if e := s.current.Load(); e != nil {
		d = min(renewRetry, e.staleAt.Sub(now)/2)
	}
	var rle *m2mauth.RateLimitError
	if errors.As(err, &rle) {
		if wait := min(s.serverWait(rle.RateLimit), s.cfg.MaxRetryWait); wait > 0 {
			s.hold, s.holdUntil = rle, now.Add(wait)
			d = max(d, wait)
		}
	}
	s.renewAfter.Store(now.Add(d).UnixNano())
}

// obtain gets a token from the store or else from Auth0.
func (s *TokenSource) obtain(ev *TokenFetch) (*tokenEntry, error) {
	if e := s.fromStore(); e != nil {
		ev.FromStore = true
		return e, nil
	}
	tok, err := s.fetch(s.ctx, ev)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.FetchTimeout)
	defer cancel()
	if err := s.cfg.Store.Save(ctx, s.key, tok); err != nil {
		s.storeFailed("saving", err)
	}
	return s.newEntry(*tok), nil
}

// fromStore returns the stored token if another source put there one
// that needs no renewal yet.
func (s *TokenSource) fromStore() *tokenEntry {
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.FetchTimeout)
	defer cancel()
	tok, err := s.cfg.Store.Load(ctx, s.key)
	if err != nil {
		s.storeFailed("loading", err)
		return nil
	}
	if tok == nil || tok.AccessToken == "" {
		return nil
	}
	s.mu.Lock()
	dropped := s.dropped
	s.mu.Unlock()
	if sha256.Sum256([]byte(tok.AccessToken)) == dropped {
		return nil
	}
	e := s.newEntry(*tok)
	if !s.cfg.Now().Before(e.refreshAt) {
		return nil
	}
	return e
}

func (s *TokenSource) newEntry(tok Token) *tokenEntry {
	now := s.cfg.Now()
	born := tok.Obtained
	if born.IsZero() || born.After(now) {
		born = now
	}
	life := max(tok.Expiry.Sub(born), 0)
	tok.TokenType = "Bearer"
	tok.header = "Bearer " + tok.AccessToken
	return &tokenEntry{
		tok: tok,
		oauth2: &oauth2.Token{
			AccessToken: tok.AccessToken,
			TokenType:   tok.TokenType,
			Expiry:      tok.Expiry,
		},
		refreshAt: tok.Expiry.Add(-min(s.cfg.RefreshWindow, life/2)),
		staleAt:   tok.Expiry.Add(-min(expiryMargin, life/10)),
	}
}

func (s *TokenSource) report(ev TokenFetch) {
	log := s.cfg.Logger
	attrs := append(s.logAttrs(), "background", ev.Background,
		"attempts", ev.Attempts, "from_store", ev.FromStore)
	switch {
	case ev.Err == nil:
		log.Debug("m2mauth: token obtained", append(attrs,
			"expiry", ev.Expiry, "ratelimit_remaining", ev.RateLimit.Remaining)...)
	case ev.Background:
		log.Warn("m2mauth: renewing the token failed; the current one is still served",
			append(attrs, "error", ev.Err.Error())...)
	default:
		// The waiting callers receive this error; the log is for the
		// operator who wonders where their token requests went.
		log.Debug("m2mauth: obtaining a token failed", append(attrs, "error", ev.Err.Error())...)
	}
	if h := s.cfg.Hooks.Fetched; h != nil {
		h(ev)
	}
}

func (s *TokenSource) storeFailed(op string, err error) {
	s.cfg.Logger.Warn("m2mauth: token store failed", append(s.logAttrs(),
		"op", op, "error", err.Error())...)
}
