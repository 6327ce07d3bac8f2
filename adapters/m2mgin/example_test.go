package m2mgin_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mgin"
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

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	api := r.Group("/api", m2mgin.New(v))
	api.GET("/whoami", func(c *gin.Context) {
		claims, _ := m2mgin.Claims(c)
		c.String(http.StatusOK, claims.ClientID)
	})
	api.GET("/messages", m2mgin.RequireScopes("read:messages"), func(c *gin.Context) {
		c.JSON(http.StatusOK, []string{"hello"})
	})
	srv := httptest.NewServer(r)
	defer srv.Close()

	token := "Bearer " + tenant.Token("https://api.example.com", "read:messages")
	fmt.Println(get(srv.URL+"/api/whoami", token))
	fmt.Println(get(srv.URL+"/api/messages", token))
	fmt.Println(get(srv.URL+"/api/messages", ""))
	// Output:
	// 200 test-client
	// 200 ["hello"]
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
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

	// The application's own error shape; the challenge is kept, as
	// RFC 6750 requires it on 401.
	ownShape := m2mgin.WithErrorHandler(func(c *gin.Context, err error) {
		resp := core.ResponseFor(err)
		if resp.Challenge != "" {
			c.Header("WWW-Authenticate", resp.Challenge)
		}
		c.JSON(resp.Status, gin.H{"ok": false, "reason": resp.Reason})
	})
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/", m2mgin.New(v, ownShape), func(c *gin.Context) {})
	srv := httptest.NewServer(r)
	defer srv.Close()

	fmt.Println(get(srv.URL, "Bearer not-a-token"))
	// Output:
	// 401 {"ok":false,"reason":"malformed_token"}
}

// A refusal is also recorded with c.Error, so that an error middleware
// of the application sees it after c.Next.
func ExampleNew_errorMiddleware() {
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

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	var seen []string
	r.Use(func(c *gin.Context) {
		c.Next()
		for _, e := range c.Errors {
			seen = append(seen, fmt.Sprintf("%v expired=%v", e.Type == gin.ErrorTypePrivate,
				errors.Is(e.Err, m2mauth.ErrTokenExpired)))
		}
	})
	r.GET("/", m2mgin.New(v), func(c *gin.Context) {})
	srv := httptest.NewServer(r)
	defer srv.Close()

	expired := tenant.M2MClaims("billing-service", "https://api.example.com")
	expired["exp"] = time.Now().Add(-time.Hour).Unix()
	fmt.Println(get(srv.URL, "Bearer "+tenant.Sign(expired)))
	fmt.Println(seen)
	// Output:
	// 401 {"error":"invalid_token","error_description":"the token has expired"}
	// [true expired=true]
}

// WithSkip lets chosen requests through unauthenticated and without
// claims.
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

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(m2mgin.New(v, m2mgin.WithSkip(func(c *gin.Context) bool {
		return c.FullPath() == "/healthz"
	})))
	r.GET("/healthz", func(c *gin.Context) {
		_, authenticated := m2mgin.Claims(c)
		c.String(http.StatusOK, "authenticated=%v", authenticated)
	})
	r.GET("/orders", func(c *gin.Context) {})
	srv := httptest.NewServer(r)
	defer srv.Close()

	fmt.Println(get(srv.URL+"/healthz", ""))
	fmt.Println(get(srv.URL+"/orders", ""))
	// Output:
	// 200 authenticated=false
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
}
