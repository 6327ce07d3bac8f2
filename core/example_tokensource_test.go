package core_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

func ExampleNewTokenSource() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": {"read:invoices"}},
	})

	ts, err := core.NewTokenSource(core.TokenConfig{
		Domain:       tenant.Domain(), // "your-tenant.eu.auth0.com" in production
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ts.Close()

	for range 3 {
		tok, err := ts.Token(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(tok.TokenType, tok.Scope)
	}
	fmt.Println("token requests:", tenant.TokenRequests())
	// Output:
	// Bearer read:invoices
	// Bearer read:invoices
	// Bearer read:invoices
	// token requests: 1
}

// The source plugs into anything that takes an oauth2.TokenSource, such
// as oauth2.Transport here, or gRPC's oauth.TokenSource credentials.
func ExampleTokenSource_OAuth2() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := core.BearerToken(r.Header.Get("Authorization"))
		fmt.Println("bearer token present:", err == nil)
	}))
	defer api.Close()

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
	client := &http.Client{Transport: &oauth2.Transport{Source: ts.OAuth2()}}
	resp, err := client.Get(api.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	// Output:
	// bearer token present: true
}

// Sources that share a store share tokens: the second source finds the
// first one's token and asks Auth0 for nothing. A store of your own
// (Redis, a database) does the same across processes.
func ExampleNewMemoryStore() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})

	store := core.NewMemoryStore()
	cfg := core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
		Store:        store,
	}
	for range 2 {
		ts, err := core.NewTokenSource(cfg)
		if err != nil {
			fmt.Println(err)
			return
		}
		if _, err := ts.Token(context.Background()); err != nil {
			fmt.Println(err)
		}
		ts.Close()
	}
	fmt.Println("token requests:", tenant.TokenRequests())
	fmt.Println(store)
	// Output:
	// token requests: 1
	// core.MemoryStore{1 tokens}
}

// Invalidate drops a token an API refused, so that the next caller gets
// a new one; at most one token is dropped per InvalidateInterval.
func ExampleTokenSource_Invalidate() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
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
	ctx := context.Background()

	first, _ := ts.Token(ctx)
	fmt.Println(ts.Invalidate(first.AccessToken))
	second, _ := ts.Token(ctx)
	fmt.Println(second.AccessToken != first.AccessToken)
	fmt.Println(ts.Invalidate(second.AccessToken)) // within InvalidateInterval
	fmt.Println("token requests:", tenant.TokenRequests())
	// Output:
	// true
	// true
	// false
	// token requests: 2
}

// Auth0 answers 429 once, then a token: the fetch waits and tries again.
// The hooks see the retry and the outcome; a caller that had to wait for
// the fetch is counted by Waited.
func ExampleTokenHooks() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
	tenant.ScriptToken(auth0test.RateLimited(0, 0))

	var retries, waits int
	fetched := make(chan core.TokenFetch, 1)
	ts, err := core.NewTokenSource(core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
		RetryBackoff: 10 * time.Millisecond,
		Logger:       slog.New(slog.DiscardHandler),
		Hooks: core.TokenHooks{
			Retrying: func(r core.TokenRetry) { retries++ },
			Waited:   func(core.TokenKey) { waits++ },
			// Fetched runs after the waiting callers are released.
			Fetched: func(f core.TokenFetch) { fetched <- f },
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ts.Close()

	_, err = ts.Token(context.Background())
	f := <-fetched
	fmt.Println(err, f.Attempts, f.Background, f.Err)
	fmt.Println("retries:", retries, "waits:", waits)
	// Output:
	// <nil> 2 false <nil>
	// retries: 1 waits: 1
}

// The checks NewTokenSource makes before any network call. Each missing
// setting matches its sentinel.
func ExampleNewTokenSource_errors() {
	for _, cfg := range []core.TokenConfig{
		{ClientID: "orders-service", ClientSecret: "s", Audience: "https://billing.example"},
		{Domain: "your-tenant.eu.auth0.com", ClientSecret: "s", Audience: "https://billing.example"},
		{Domain: "your-tenant.eu.auth0.com", ClientID: "orders-service", Audience: "https://billing.example"},
		{Domain: "your-tenant.eu.auth0.com", ClientID: "orders-service", ClientSecret: "s"},
	} {
		_, err := core.NewTokenSource(cfg)
		fmt.Println(err, errors.Is(err, m2mauth.ErrMissingClientSecret))
	}
	// Output:
	// m2mauth: missing auth0 domain false
	// m2mauth: missing client id false
	// m2mauth: missing client secret true
	// m2mauth: missing audience false
}

// A Token carries itself in a request, and never prints its secret part.
func ExampleToken_SetAuthHeader() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": {"read:invoices"}},
	})
	ts, _ := core.NewTokenSource(core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
	})
	defer ts.Close()

	tok, err := ts.Token(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest(http.MethodGet, "https://billing.example/invoices", nil)
	tok.SetAuthHeader(req)
	fmt.Println(req.Header.Get("Authorization") == "Bearer "+tok.AccessToken)
	fmt.Println(tok.TokenType, tok.Scope)
	fmt.Println(strings.Contains(fmt.Sprintf("%+v", tok), tok.AccessToken))
	// Output:
	// true
	// Bearer read:invoices
	// false
}
