package outbound_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
)

// demo starts a tenant with one client and an API that greets the
// client a valid token names, standing in for Auth0 and a real service.
func demo() (tenant *auth0test.Tenant, apiURL string, stop func()) {
	tenant = auth0test.NewTenant()
	tenant.AddClient(auth0test.Client{
		ID:     "orders-service",
		Secret: "example-secret",
		Grants: map[string][]string{"https://billing.example": {"read:invoices"}},
	})
	v, _ := core.New(core.Config{Domain: tenant.Domain(), Audience: []string{"https://billing.example"}})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims, err := v.ValidateAuthorization(r.Context(), r.Header.Get("Authorization"))
		if err != nil {
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		if r.URL.Path == "/missing" {
			http.Error(w, "no such invoice", http.StatusNotFound)
			return
		}
		body, _ := io.ReadAll(r.Body)
		answer := fmt.Sprintf("%s %s from %s %s", r.Method, r.URL.RequestURI(), claims.ClientID, body)
		io.WriteString(w, strings.TrimSpace(answer))
	}))
	return tenant, api.URL, func() { api.Close(); v.Close(); tenant.Close() }
}

func show(resp *http.Response, err error) {
	if err != nil {
		fmt.Println("error:", err)
	}
	if resp != nil {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%d %s\n", resp.StatusCode, body)
	}
}

func ExampleNew() {
	tenant, api, stop := demo()
	defer stop()

	client, err := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain:       tenant.Domain(), // "your-tenant.eu.auth0.com" in production
		ClientID:     "orders-service",
		ClientSecret: "example-secret",
		Audience:     "https://billing.example",
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	show(client.Get(context.Background(), api+"/invoices"))
	// Output:
	// 200 GET /invoices from orders-service
}

func ExampleFromEnv() {
	tenant, api, stop := demo()
	defer stop()
	env := map[string]string{
		"AUTH0_DOMAIN":        tenant.Domain(),
		"AUTH0_CLIENT_ID":     "orders-service",
		"AUTH0_CLIENT_SECRET": "example-secret",
		"AUTH0_AUDIENCE":      "https://billing.example",
	}
	for k, v := range env {
		os.Setenv(k, v)
		defer os.Unsetenv(k)
	}

	client, err := outbound.FromEnv()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	show(client.Get(context.Background(), api+"/invoices"))

	os.Unsetenv("AUTH0_CLIENT_SECRET")
	_, err = outbound.FromEnv()
	fmt.Println(err)
	fmt.Println(errors.Is(err, m2mauth.ErrMissingClientSecret))
	// Output:
	// 200 GET /invoices from orders-service
	// m2mauth: missing client secret: AUTH0_CLIENT_SECRET is not set
	// true
}

func ExampleClient_Get() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	show(client.Get(context.Background(), api+"/invoices",
		outbound.Query(map[string][]string{"status": {"open"}}),
		outbound.Header("Accept", "text/plain")))
	// Output:
	// 200 GET /invoices?status=open from orders-service
}

func ExampleClient_Post() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	show(client.Post(context.Background(), api+"/invoices",
		outbound.JSON(map[string]any{"order": 42})))
	// Output:
	// 200 POST /invoices from orders-service {"order":42}
}

// A call can bring its own credentials or audience, as the Python
// library's client_id, client_secret and audience arguments do.
func ExampleCredentials() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{Domain: tenant.Domain()}})
	defer client.Close()

	show(client.Delete(context.Background(), api+"/invoices/7",
		outbound.Credentials("orders-service", "example-secret"),
		outbound.Audience("https://billing.example")))
	// Output:
	// 200 DELETE /invoices/7 from orders-service
}

// An answer outside 2xx is an *m2mauth.HTTPError, and the response is
// still there to read.
func ExampleClient_Do() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, api+"/missing", nil)
	resp, err := client.Do(req)
	var httpErr *m2mauth.HTTPError
	var rateLimited *m2mauth.RateLimitError
	switch {
	case errors.As(err, &httpErr):
		fmt.Printf("the API said %d: %s", httpErr.StatusCode, httpErr.Body)
		resp.Body.Close()
	case errors.As(err, &rateLimited):
		fmt.Println("Auth0 rate limit; resets at", rateLimited.Reset)
	case errors.Is(err, m2mauth.ErrAuthentication):
		fmt.Println("no token:", err)
	case err != nil:
		fmt.Println(err)
	default:
		resp.Body.Close()
	}
	// Output:
	// the API said 404: no such invoice
}

// Any HTTP library that takes an *http.Client or a RoundTripper can send
// the token; it then keeps net/http's rule that a status is not an error.
func ExampleClient_HTTPClient() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	show(client.HTTPClient().Get(api + "/missing"))
	// Output:
	// 404 no such invoice
}

// A Transport can also be built on a core.TokenSource directly.
func ExampleTransport() {
	tenant, api, stop := demo()
	defer stop()
	ts, _ := core.NewTokenSource(core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	})
	defer ts.Close()

	hc := &http.Client{Transport: &outbound.Transport{Source: ts}}
	show(hc.Get(api + "/invoices"))
	// Output:
	// 200 GET /invoices from orders-service
}

// EnvConfig reads the same variables as FromEnv, and leaves the rest of
// the Config to adjust before New.
func ExampleEnvConfig() {
	tenant, api, stop := demo()
	defer stop()
	os.Setenv("AUTH0_DOMAIN", tenant.Domain())
	os.Setenv("AUTH0_CLIENT_ID", "orders-service")
	os.Setenv("AUTH0_CLIENT_SECRET", "example-secret")
	os.Setenv("AUTH0_AUDIENCE", "https://billing.example")
	defer func() {
		for _, name := range []string{outbound.EnvDomain, outbound.EnvClientID, outbound.EnvClientSecret, outbound.EnvAudience} {
			os.Unsetenv(name)
		}
	}()

	cfg := outbound.EnvConfig()
	cfg.Token.Scopes = []string{"read:invoices"}
	cfg.MaxErrorBody = 1 << 10
	client, err := outbound.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	show(client.Get(context.Background(), api+"/invoices"))
	fmt.Println(tenant.TokenRequestLog()[0].Scope)
	// Output:
	// 200 GET /invoices from orders-service
	// read:invoices
}

// Form sends a form body, as the Python library's data argument does.
func ExampleForm() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	show(client.Put(context.Background(), api+"/invoices/7",
		outbound.Form(url.Values{"status": {"paid"}})))
	// Output:
	// 200 PUT /invoices/7 from orders-service status=paid
}

// Body sends any reader with the Content-Type given. A *strings.Reader,
// *bytes.Reader or *bytes.Buffer can be sent again after a 401.
func ExampleBody() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	show(client.Patch(context.Background(), api+"/invoices/7",
		outbound.Body(strings.NewReader(`{"status":"paid"}`), "application/merge-patch+json")))
	// Output:
	// 200 PATCH /invoices/7 from orders-service {"status":"paid"}
}

// Scopes asks for a token with fewer scopes than the client was granted;
// the Client keeps that token apart from the default one.
func ExampleScopes() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	show(client.Get(context.Background(), api+"/invoices"))
	show(client.Get(context.Background(), api+"/invoices", outbound.Scopes("read:invoices")))
	show(client.Get(context.Background(), api+"/invoices", outbound.Scopes("read:invoices")))
	for _, r := range tenant.TokenRequestLog() {
		fmt.Printf("token request for %q\n", r.Scope)
	}
	// Output:
	// 200 GET /invoices from orders-service
	// 200 GET /invoices from orders-service
	// 200 GET /invoices from orders-service
	// token request for ""
	// token request for "read:invoices"
}

// A Client without default credentials needs each call to bring them;
// a call that lacks one fails before any request.
func ExampleAudience() {
	tenant, api, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{Domain: tenant.Domain()}})
	defer client.Close()

	_, err := client.Get(context.Background(), api+"/invoices",
		outbound.Credentials("orders-service", "example-secret"))
	fmt.Println(err, errors.Is(err, m2mauth.ErrMissingAudience))
	show(client.Get(context.Background(), api+"/invoices",
		outbound.Credentials("orders-service", "example-secret"),
		outbound.Audience("https://billing.example")))
	// Output:
	// m2mauth: missing audience true
	// 200 GET /invoices from orders-service
}

// TokenSource gives the Client's default token source, to read its
// token or hand it to other libraries.
func ExampleClient_TokenSource() {
	tenant, _, stop := demo()
	defer stop()
	client, _ := outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain: tenant.Domain(), ClientID: "orders-service",
		ClientSecret: "example-secret", Audience: "https://billing.example",
	}})
	defer client.Close()

	ts := client.TokenSource()
	fmt.Println(ts.Key().ClientID, ts.Key().Audience)
	tok, err := ts.Token(context.Background())
	fmt.Println(tok.TokenType, err)
	// Output:
	// orders-service https://billing.example
	// Bearer <nil>
}
