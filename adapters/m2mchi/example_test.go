package m2mchi_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/revup/m2mauth/adapters/m2mchi"
	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

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
	tenant := auth0test.NewTenant() // stands in for Auth0
	defer tenant.Close()
	v, err := core.New(core.Config{
		Domain:   tenant.Domain(),
		Audience: []string{"https://api.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	r := chi.NewRouter()
	r.Use(m2mchi.New(v))
	r.Get("/whoami", func(w http.ResponseWriter, r *http.Request) {
		claims, _ := m2mchi.Claims(r.Context())
		fmt.Fprint(w, claims.ClientID)
	})
	r.With(m2mchi.RequireScopes("read:messages")).Get("/messages", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "[]")
	})
	srv := httptest.NewServer(r)
	defer srv.Close()

	token := "Bearer " + tenant.Token("https://api.example.com")
	fmt.Println(get(srv.URL+"/whoami", token))
	fmt.Println(get(srv.URL+"/messages", token))
	// Output:
	// 200 test-client
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

	refusals := map[string]int{}
	count := m2mchi.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, route string, err error) {
		refusals[route]++ // a metric label that does not grow with ids
		resp := core.ResponseFor(err)
		w.Header().Set("WWW-Authenticate", resp.Challenge)
		w.WriteHeader(resp.Status)
	})
	r := chi.NewRouter()
	r.Use(m2mchi.New(v, count))
	r.Get("/orders/{id}", func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(r)
	defer srv.Close()

	get(srv.URL+"/orders/1", "")
	get(srv.URL+"/orders/2", "Bearer expired")
	fmt.Println(refusals)
	// Output:
	// map[/orders/{id}:2]
}

// RoutePattern gives the chi pattern of a request anywhere, such as in
// a handler's own logs.
func ExampleRoutePattern() {
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

	r := chi.NewRouter()
	r.Use(m2mchi.New(v))
	r.Route("/orders", func(r chi.Router) {
		r.Get("/{id}", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, m2mchi.RoutePattern(r))
		})
	})
	srv := httptest.NewServer(r)
	defer srv.Close()

	fmt.Println(get(srv.URL+"/orders/42", "Bearer "+tenant.Token("https://api.example.com")))
	// Output:
	// 200 /orders/{id}
}

// The options of m2mchi and m2mhttp are one type and mix.
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

	r := chi.NewRouter()
	r.Use(m2mchi.New(v, m2mchi.WithOptional(), m2mhttp.WithScopes("read:messages")))
	r.Get("/messages", func(w http.ResponseWriter, r *http.Request) {
		if claims, ok := m2mchi.Claims(r.Context()); ok {
			fmt.Fprintf(w, "messages for %s", claims.ClientID)
			return
		}
		fmt.Fprint(w, "public messages")
	})
	srv := httptest.NewServer(r)
	defer srv.Close()

	fmt.Println(get(srv.URL+"/messages", ""))
	fmt.Println(get(srv.URL+"/messages", "Bearer "+tenant.Token("https://api.example.com", "read:messages")))
	fmt.Println(get(srv.URL+"/messages", "Bearer "+tenant.Token("https://api.example.com")))
	// Output:
	// 200 public messages
	// 200 messages for test-client
	// 403 {"error":"insufficient_scope","error_description":"the token lacks a required scope"}
}
