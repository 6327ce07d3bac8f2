package core

import (
	"time"

	"github.com/revup/m2mauth"
)

// TokenHooks are called synchronously, some of them on the request path;
// they must be quick and safe for concurrent use. Any of them may be nil.
type TokenHooks struct {
	// Fetched runs when a fetch ends, whether it got a token or not.
	Fetched func(TokenFetch)
	// Retrying runs before each wait between two token requests.
	Retrying func(TokenRetry)
	// Waited runs each time a caller finds no valid token and has to
	// wait for a fetch. Under steady load it runs once per cold start:
	// renewals happen while the previous token is still served.
	Waited func(TokenKey)
	// Invalidated runs when Invalidate drops a token.
	Invalidated func(TokenKey)
}

// TokenFetch describes one fetch: the requests made to obtain one token,
// retries included.
type TokenFetch struct {
	Key TokenKey
	// Background is true for a renewal made while the previous token was
	// still being served.
	Background bool
	// FromStore is true when the token came from the TokenStore and no
	// request was made.
	FromStore bool
	// Attempts is how many token requests were made.
	Attempts int
	Duration time.Duration
	// Expiry is the new token's expiry, when one was obtained.
	Expiry time.Time
	// RateLimit holds the rate-limit headers of the last answer.
	RateLimit m2mauth.RateLimit
	// Err is why no token was obtained. A failed renewal leaves the
	// previous token in use until it expires.
	Err error
}

// TokenRetry describes a failed token request that will be retried.
type TokenRetry struct {
	Key TokenKey
	// Attempt is the number of the request that failed, from 1.
	Attempt int
	// Wait is how long the fetch waits before the next request.
	Wait time.Duration
	// StatusCode is the answer's status, or 0 when none came.
	StatusCode int
	RateLimit  m2mauth.RateLimit
	Err        error
}
