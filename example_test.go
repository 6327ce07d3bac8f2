package m2mauth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
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

func ExampleReason_Sentinel() {
	r := m2mauth.ReasonWrongAudience
	fmt.Println(r, "->", r.Sentinel())
	fmt.Println(m2mauth.Reason("no_such_reason").Sentinel())
	// Output:
	// invalid_audience -> m2mauth: invalid token audience
	// m2mauth: authentication failed
}

// Auth0 refuses the grant: a wrong secret here. The error matches
// ErrAuthentication, and carries Auth0's status and error object.
func ExampleTokenError() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "the-right-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
	ts, err := core.NewTokenSource(core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "a-wrong-secret",
		Audience:     "https://billing.example",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ts.Close()

	_, err = ts.Token(context.Background())
	fmt.Println(err)
	fmt.Println(errors.Is(err, m2mauth.ErrAuthentication))
	var te *m2mauth.TokenError
	if errors.As(err, &te) {
		fmt.Println(te.StatusCode, te.Code, te.Description)
	}
	// Output:
	// m2mauth: token request failed: status 401: access_denied: Unauthorized
	// true
	// 401 access_denied Unauthorized
}

// Auth0 answers 429 and asks to wait longer than MaxRetryWait allows, so
// the fetch gives up at once. Callers arriving before that wait has
// passed get the same error without a new request.
func ExampleRateLimitError() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
	limited := auth0test.RateLimited(time.Hour, 0)
	tenant.SetTokenAnswer(&limited)
	ts, err := core.NewTokenSource(core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ts.Close()

	for range 2 {
		_, err = ts.Token(context.Background())
		var rle *m2mauth.RateLimitError
		if errors.As(err, &rle) {
			fmt.Println(errors.Is(err, m2mauth.ErrRateLimited), rle.Attempts, rle.Limit, rle.Remaining)
		}
	}
	fmt.Println("token requests:", tenant.TokenRequests())
	// Output:
	// true 1 10 0
	// true 1 10 0
	// token requests: 1
}

// The outbound client returns an answer outside 2xx with an
// *m2mauth.HTTPError; the response stays readable from its first byte.
func ExampleHTTPError() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "billing is closed for maintenance", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	client, err := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()

	resp, err := client.Get(context.Background(), api.URL+"/invoices")
	var he *m2mauth.HTTPError
	if errors.As(err, &he) {
		fmt.Println(err)
		fmt.Println(he.StatusCode, he.Header.Get("Retry-After"), strings.TrimSpace(string(he.Body)))
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp == he.Response, strings.TrimSpace(string(body)))
	}
	// Output:
	// m2mauth: unexpected response status 503 Service Unavailable
	// 503 120 billing is closed for maintenance
	// true billing is closed for maintenance
}
