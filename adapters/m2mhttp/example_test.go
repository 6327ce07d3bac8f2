package m2mhttp_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

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
