package auth0test_test

import (
	"context"
	"fmt"

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
