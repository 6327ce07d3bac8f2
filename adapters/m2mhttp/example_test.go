package m2mhttp_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// get sends GET url with the Authorization value auth, if any, and
// returns the status and the body.
func get(url, auth string) (int, string) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		log.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(body))
}

func Example() {
	// A tenant on loopback stands in for Auth0.
	tenant := auth0test.NewTenant()
	defer tenant.Close()

	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims, _ := m2mhttp.ClaimsFrom(r.Context())
		fmt.Fprintf(w, "hello %s", claims.ClientID)
	})
	mux := http.NewServeMux()
	mux.Handle("GET /hello", m2mhttp.New(v)(hello))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	fmt.Println(get(srv.URL+"/hello", ""))
	fmt.Println(get(srv.URL+"/hello", "Bearer "+tenant.Token("https://api.example.com")))
	// Output:
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
	// 200 hello test-client
}

func ExampleRequireScopes() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	})
	mux := http.NewServeMux()
	mux.Handle("GET /messages", m2mhttp.RequireScopes("read:messages")(ok))
	mux.Handle("GET /status", ok)
	// One middleware authenticates every route; each route checks its
	// own scopes.
	srv := httptest.NewServer(m2mhttp.New(v)(mux))
	defer srv.Close()

	token := "Bearer " + tenant.Token("https://api.example.com", "read:status")
	fmt.Println(get(srv.URL+"/status", token))
	fmt.Println(get(srv.URL+"/messages", token))
	// Output:
	// 200 ok
	// 403 {"error":"insufficient_scope","error_description":"the token lacks a required scope"}
}

func ExampleWithErrorHandler() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	problem := m2mhttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		resp := core.ResponseFor(err)
		if resp.Challenge != "" {
			w.Header().Set("WWW-Authenticate", resp.Challenge)
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(resp.Status)
		fmt.Fprintf(w, `{"title":%q,"status":%d}`, resp.Description, resp.Status)
	})
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(m2mhttp.New(v, problem)(ok))
	defer srv.Close()

	fmt.Println(get(srv.URL, "Bearer not-a-token"))
	// Output:
	// 401 {"title":"the token is malformed","status":401}
}

func ExampleWithOptional() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	greet := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if claims, ok := m2mhttp.ClaimsFrom(r.Context()); ok {
			fmt.Fprintf(w, "hello %s", claims.ClientID)
			return
		}
		io.WriteString(w, "hello stranger")
	})
	srv := httptest.NewServer(m2mhttp.New(v, m2mhttp.WithOptional())(greet))
	defer srv.Close()

	fmt.Println(get(srv.URL, ""))
	fmt.Println(get(srv.URL, "Bearer "+tenant.Token("https://api.example.com")))
	fmt.Println(get(srv.URL, "Bearer not-a-token"))
	// Output:
	// 200 hello stranger
	// 200 hello test-client
	// 401 {"error":"invalid_token","error_description":"the token is malformed"}
}

// WithSkip lets chosen requests through unauthenticated, such as a
// load balancer's health checks.
func ExampleWithSkip() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, authenticated := m2mhttp.ClaimsFrom(r.Context())
		fmt.Fprintf(w, "authenticated=%v", authenticated)
	})
	health := m2mhttp.WithSkip(func(r *http.Request) bool { return r.URL.Path == "/healthz" })
	srv := httptest.NewServer(m2mhttp.New(v, health)(ok))
	defer srv.Close()

	fmt.Println(get(srv.URL+"/healthz", ""))
	fmt.Println(get(srv.URL+"/orders", ""))
	// Output:
	// 200 authenticated=false
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
}

// WithScopes puts one scope rule on every route behind the middleware.
// A scope granted through Auth0's RBAC permissions claim counts too.
func ExampleWithScopes() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	srv := httptest.NewServer(m2mhttp.New(v, m2mhttp.WithScopes("read:orders"))(ok))
	defer srv.Close()

	rbac := tenant.M2MClaims("billing-service", "https://api.example.com")
	rbac["permissions"] = []string{"read:orders"}
	fmt.Println(get(srv.URL, "Bearer "+tenant.Token("https://api.example.com", "read:orders")))
	fmt.Println(get(srv.URL, "Bearer "+tenant.Sign(rbac)))
	fmt.Println(get(srv.URL, "Bearer "+tenant.Token("https://api.example.com", "write:orders")))
	// Output:
	// 200 ok
	// 200 ok
	// 403 {"error":"insufficient_scope","error_description":"the token lacks a required scope"}
}

// A custom ErrorHandler can keep the standard answer and add to it:
// here a header and a count of refusals by reason.
func ExampleWriteError() {
	tenant := auth0test.NewTenant()
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	refusals := map[m2mauth.Reason]int{}
	counted := m2mhttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		refusals[core.ResponseFor(err).Reason]++
		w.Header().Set("Cache-Control", "no-store")
		m2mhttp.WriteError(w, r, err)
	})
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(m2mhttp.New(v, counted)(ok))
	defer srv.Close()

	expired := tenant.M2MClaims("billing-service", "https://api.example.com")
	expired["exp"] = time.Now().Add(-time.Hour).Unix()
	fmt.Println(get(srv.URL, "Bearer "+tenant.Sign(expired)))
	fmt.Println(get(srv.URL, "Bearer not-a-token"))
	fmt.Println(refusals)
	// Output:
	// 401 {"error":"invalid_token","error_description":"the token has expired"}
	// 401 {"error":"invalid_token","error_description":"the token is malformed"}
	// map[malformed_token:1 token_expired:1]
}
