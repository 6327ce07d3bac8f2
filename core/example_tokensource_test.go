package core_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"golang.org/x/oauth2"

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
