package auth0test_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

func ExampleNewTenant() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()

	// Point the code under test at the tenant, as at a real Auth0 domain.
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://api.example.com"}})
	defer v.Close()

	claims := tenant.M2MClaims("billing-service", "https://api.example.com", "read:invoices")
	claims["https://example.com/region"] = "eu"
	c, err := v.Validate(context.Background(), tenant.Sign(claims))
	fmt.Println(c.ClientID, c.GrantType, err)
	// Output: billing-service client-credentials <nil>
}

func ExampleTenant_SetJWKSOutage() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://api.example.com"}})
	defer v.Close()

	tenant.SetJWKSOutage(true)
	_, err := v.Validate(context.Background(), tenant.Token("https://api.example.com"))
	fmt.Println(core.ResponseFor(err).Status)
	// Output: 503
}

// The token endpoint grants client-credentials tokens to the clients
// registered with AddClient, with Auth0's answers to those it refuses.
func ExampleTenant_AddClient() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": {"read:invoices"}},
	})

	for _, audience := range []string{"https://billing.example", "https://payroll.example"} {
		resp, err := http.PostForm(tenant.Domain()+"/oauth/token", url.Values{
			"grant_type":    {"client_credentials"},
			"client_id":     {"orders-service"},
			"client_secret": {"example-secret"},
			"audience":      {audience},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		var answer struct {
			TokenType string `json:"token_type"`
			ExpiresIn int    `json:"expires_in"`
			Scope     string `json:"scope"`
			Error     string `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&answer)
		resp.Body.Close()
		if answer.Error != "" {
			fmt.Println(resp.StatusCode, answer.Error)
			continue
		}
		fmt.Println(resp.StatusCode, answer.TokenType, answer.ExpiresIn, answer.Scope)
	}
	fmt.Println("issued:", tenant.TokensIssued(), "requests:", tenant.TokenRequests())
	// Output:
	// 200 Bearer 86400 read:invoices
	// 403 access_denied
	// issued: 1 requests: 2
}

// ScriptToken makes the token endpoint misbehave for the next requests:
// here one 429 with Auth0's rate-limit headers, then a normal answer.
func ExampleTenant_ScriptToken() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": nil},
	})
	tenant.ScriptToken(auth0test.RateLimited(0, 0))

	ts, err := core.NewTokenSource(core.TokenConfig{
		Domain:       tenant.Domain(),
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
		RetryBackoff: 10 * time.Millisecond,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ts.Close()

	_, err = ts.Token(context.Background())
	fmt.Println(err, "requests:", tenant.TokenRequests(), "issued:", tenant.TokensIssued())
	// Output:
	// <nil> requests: 2 issued: 1
}

// SignRS256 signs any header and claims with any key, for tokens a
// validator must refuse, or accept.
func ExampleSignRS256() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://api.example.com"}})
	defer v.Close()
	claims := tenant.M2MClaims("billing-service", "https://api.example.com")
	key := tenant.SigningKey()

	for _, header := range []map[string]any{
		{"typ": "at+jwt"},            // RFC 9068's type: accepted
		{"kid": nil},                 // no kid: refused
		{"typ": "logout+jwt"},        // another kind of token: refused
		{"kid": "not-a-published-k"}, // unknown key: refused
	} {
		_, err := v.Validate(context.Background(), auth0test.SignRS256(key, header, claims))
		fmt.Println(err)
	}
	// Output:
	// <nil>
	// m2mauth: malformed token: missing kid
	// m2mauth: malformed token: token type is not an access token
	// m2mauth: unknown signing key
}
