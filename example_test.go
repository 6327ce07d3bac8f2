package m2mauth_test

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/revup/m2mauth"
)

func ExampleAuthenticationError() {
	var err error = m2mauth.NewAuthenticationError(m2mauth.ReasonExpired, "")

	fmt.Println(errors.Is(err, m2mauth.ErrTokenExpired))
	fmt.Println(errors.Is(err, m2mauth.ErrAuthentication))
	var ae *m2mauth.AuthenticationError
	if errors.As(err, &ae) {
		fmt.Println(ae.Reason)
	}
	// Output:
	// true
	// true
	// token_expired
}

func ExampleParseRateLimit() {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", "30")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", "1767225600")
	h.Set("Retry-After", "7")
	rl := m2mauth.ParseRateLimit(h, time.Now())
	fmt.Println(rl.Limit, rl.Remaining, rl.Reset.UTC().Format(time.RFC3339), rl.RetryAfter)
	// Output: 30 0 2026-01-01T00:00:00Z 7s
}
