package m2mecho_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/revup/m2mauth/adapters/m2mecho"
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

	e := echo.New()
	api := e.Group("/api", m2mecho.New(v))
	api.GET("/whoami", func(c echo.Context) error {
		claims, _ := m2mecho.Claims(c)
		return c.String(http.StatusOK, claims.ClientID)
	})
	api.GET("/messages", func(c echo.Context) error {
		return c.JSON(http.StatusOK, []string{"hello"})
	}, m2mecho.RequireScopes("read:messages"))
	srv := httptest.NewServer(e)
	defer srv.Close()

	token := "Bearer " + tenant.Token("https://api.example.com")
	fmt.Println(get(srv.URL+"/api/whoami", token))
	fmt.Println(get(srv.URL+"/api/messages", token))
	// Output:
	// 200 test-client
	// 403 {"error":"insufficient_scope","error_description":"the token lacks a required scope"}
}

// The application's HTTPErrorHandler renders refusals like any other
// error; the core error is in Internal.
func ExampleHTTPError() {
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

	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			c.JSON(he.Code, map[string]any{"failed": true, "reason": core.ResponseFor(he.Internal).Reason})
		}
	}
	e.GET("/", func(c echo.Context) error { return nil }, m2mecho.New(v))
	srv := httptest.NewServer(e)
	defer srv.Close()

	fmt.Println(get(srv.URL, "Bearer not-a-token"))
	// Output:
	// 401 {"failed":true,"reason":"malformed_token"}
}

// An ErrorHandler that answers by itself returns nil; echo's
// HTTPErrorHandler is then not involved.
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

	ownShape := m2mecho.WithErrorHandler(func(c echo.Context, err error) error {
		resp := core.ResponseFor(err)
		if resp.Challenge != "" {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, resp.Challenge)
		}
		return c.JSON(resp.Status, map[string]any{"ok": false, "reason": resp.Reason})
	})
	e := echo.New()
	e.GET("/", func(c echo.Context) error { return nil }, m2mecho.New(v, ownShape))
	srv := httptest.NewServer(e)
	defer srv.Close()

	fmt.Println(get(srv.URL, ""))
	// Output:
	// 401 {"ok":false,"reason":"missing_token"}
}

// WithSkip takes an echo middleware.Skipper.
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

	e := echo.New()
	e.Use(m2mecho.New(v, m2mecho.WithSkip(func(c echo.Context) bool {
		return c.Path() == "/healthz"
	})))
	e.GET("/healthz", func(c echo.Context) error {
		_, authenticated := m2mecho.Claims(c)
		return c.String(http.StatusOK, fmt.Sprintf("authenticated=%v", authenticated))
	})
	e.GET("/orders", func(c echo.Context) error { return nil })
	srv := httptest.NewServer(e)
	defer srv.Close()

	fmt.Println(get(srv.URL+"/healthz", ""))
	fmt.Println(get(srv.URL+"/orders", ""))
	// Output:
	// 200 authenticated=false
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
}
