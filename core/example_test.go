package core_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

func ExampleNew() {
	tenant := auth0test.NewTenant() // stands in for "your-tenant.eu.auth0.com"
	defer tenant.Close()

	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://orders.example.com"},
	})
	if err != nil {
		panic(err)
	}
	defer v.Close()

	token := tenant.Token("https://orders.example.com", "read:orders")
	claims, err := v.Validate(context.Background(), token)
	if err != nil {
		panic(err)
	}
	fmt.Println(claims.ClientID, claims.Scopes)
	// Output: test-client [read:orders]
}

func ExampleValidator_ValidateAuthorization() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://orders.example.com"}})
	defer v.Close()

	header := "Bearer " + tenant.Token("https://billing.example.com")
	_, err := v.ValidateAuthorization(context.Background(), header)

	var authErr *m2mauth.AuthenticationError
	if errors.As(err, &authErr) {
		fmt.Println(authErr.Reason)
	}
	fmt.Println(errors.Is(err, m2mauth.ErrAudienceInvalid))
	// Output:
	// invalid_audience
	// true
}

func ExampleClaims_RequireScopes() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://orders.example.com"}})
	defer v.Close()

	claims, _ := v.Validate(context.Background(), tenant.Token("https://orders.example.com", "read:orders"))
	err := claims.RequireScopes("read:orders", "write:orders")
	fmt.Println(err)
	// Output: m2mauth: insufficient scope: missing write:orders
}

func ExampleResponseFor() {
	err := m2mauth.NewAuthenticationError(m2mauth.ReasonExpired, "")
	r := core.ResponseFor(err)
	fmt.Println(r.Status)
	fmt.Println(r.Challenge)
	fmt.Println(string(r.JSON()))
	// Output:
	// 401
	// Bearer error="invalid_token", error_description="the token has expired"
	// {"error":"invalid_token","error_description":"the token has expired"}
}

func ExampleBearerToken() {
	token, err := core.BearerToken("Bearer eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl")
	fmt.Println(token, err)

	_, err = core.BearerToken("Basic dXNlcjpwYXNzd29yZA==")
	fmt.Println(err)

	_, err = core.BearerToken("")
	fmt.Println(errors.Is(err, m2mauth.ErrTokenMissing))
	// Output:
	// eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl <nil>
	// m2mauth: malformed token: authorization header is not a bearer token
	// true
}

// Config.ValidateClaims adds checks of your own, here on a custom claim
// read with Claims.Decode. It runs on every call, cached tokens included.
func ExampleConfig_validateClaims() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()

	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://orders.example.com"},
		ValidateClaims: func(ctx context.Context, c *core.Claims) error {
			var custom struct {
				Tier string `json:"https://example.com/tier"`
			}
			if err := c.Decode(&custom); err != nil {
				return err
			}
			if custom.Tier != "paid" {
				return errors.New("paid tier required")
			}
			return nil
		},
	})
	if err != nil {
		panic(err)
	}
	defer v.Close()

	claims := tenant.M2MClaims("trial-service", "https://orders.example.com")
	claims["https://example.com/tier"] = "trial"
	_, err = v.Validate(context.Background(), tenant.Sign(claims))
	fmt.Println(err)
	fmt.Println(errors.Is(err, m2mauth.ErrClaimsInvalid), core.ResponseFor(err).Status)
	// Output:
	// m2mauth: invalid token claims: rejected by custom check: paid tier required
	// true 401
}

// Hooks count what the validator does: here one key fetch, then one
// signature verification for three calls with the same token.
func ExampleHooks() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()

	var hits, misses int
	fetches := make(chan core.KeysFetch, 8)
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://orders.example.com"},
		Hooks: core.Hooks{
			// KeysFetched runs on the fetch's goroutine.
			KeysFetched: func(f core.KeysFetch) { fetches <- f },
			CacheHit:    func() { hits++ },
			CacheMiss:   func() { misses++ },
		},
	})
	if err != nil {
		panic(err)
	}
	defer v.Close()

	token := tenant.Token("https://orders.example.com")
	for range 3 {
		if _, err := v.Validate(context.Background(), token); err != nil {
			panic(err)
		}
	}
	f := <-fetches
	fmt.Println("keys fetched:", f.Keys, f.Err)
	fmt.Println("cache misses:", misses, "hits:", hits)
	// Output:
	// keys fetched: 1 <nil>
	// cache misses: 1 hits: 2
}

// A key the validator has not seen causes a new fetch of the key set at
// most once per KeyRefetchInterval, whatever the number of tokens naming
// unknown keys.
func ExampleConfig_keyRefetchInterval() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()

	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	v, err := core.New(core.Config{
		Domain:             tenant.Domain(),
		Audience:           []string{"https://orders.example.com"},
		KeyRefetchInterval: 15 * time.Second, // the default
		Now:                func() time.Time { return time.Unix(0, now.Load()) },
		Logger:             slog.New(slog.DiscardHandler),
	})
	if err != nil {
		panic(err)
	}
	defer v.Close()
	ctx := context.Background()

	_, err = v.Validate(ctx, tenant.Token("https://orders.example.com"))
	fmt.Println(err, tenant.JWKSRequests())

	tenant.RotateKey()
	_, err = v.Validate(ctx, tenant.Token("https://orders.example.com"))
	fmt.Println(err, tenant.JWKSRequests())

	now.Add(int64(15 * time.Second))
	_, err = v.Validate(ctx, tenant.Token("https://orders.example.com"))
	fmt.Println(err, tenant.JWKSRequests())
	// Output:
	// <nil> 1
	// m2mauth: unknown signing key 1
	// <nil> 2
}

func ExampleFromContext() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://orders.example.com"}})
	defer v.Close()

	claims, err := v.Validate(context.Background(), tenant.Token("https://orders.example.com"))
	if err != nil {
		panic(err)
	}
	ctx := core.NewContext(context.Background(), claims)

	if c, ok := core.FromContext(ctx); ok {
		fmt.Println(c.ClientID, c.Subject, c.GrantType)
	}
	_, ok := core.FromContext(context.Background())
	fmt.Println(ok)
	// Output:
	// test-client test-client@clients client-credentials
	// false
}

// The checks New makes before any network call.
func ExampleNew_errors() {
	for _, cfg := range []core.Config{
		{Audience: []string{"https://orders.example.com"}},
		{Domain: "your-tenant.eu.auth0.com"},
		{Domain: "http://your-tenant.eu.auth0.com", Audience: []string{"https://orders.example.com"}},
		{Domain: "your-tenant.eu.auth0.com", Audience: []string{"https://orders.example.com"}, Algorithms: []string{"HS256"}},
	} {
		_, err := core.New(cfg)
		fmt.Println(err)
	}
	// Output:
	// m2mauth: missing auth0 domain
	// m2mauth: missing audience
	// m2mauth: invalid auth0 domain "http://your-tenant.eu.auth0.com": plain http is allowed only for loopback hosts
	// m2mauth: unsupported algorithm "HS256"
}
