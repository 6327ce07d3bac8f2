package core_test

import (
	"context"
	"errors"
	"fmt"

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
