package m2mgin_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mgin"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

func init() { gin.SetMode(gin.TestMode) }

func TestBehaviourTable(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		r := gin.New()
		r.GET(adaptertest.PublicPath, func(c *gin.Context) { c.String(http.StatusOK, "public") })
		auth := r.Group("/", m2mgin.New(v))
		auth.GET(adaptertest.PrivatePath, identity)
		auth.GET(adaptertest.ScopedPath, m2mgin.RequireScopes(adaptertest.Scope), identity)
		return start(t, r)
	})
}

func TestBehaviourTableWithScopesOption(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		r := gin.New()
		r.GET(adaptertest.PublicPath, func(c *gin.Context) { c.String(http.StatusOK, "public") })
		r.GET(adaptertest.PrivatePath, m2mgin.New(v), identity)
		r.GET(adaptertest.ScopedPath, m2mgin.New(v, m2mgin.WithScopes(adaptertest.Scope)), identity)
		return start(t, r)
	})
}

// identity echoes the claims read through the typed accessor, and
// answers 204 when there are none.
func identity(c *gin.Context) {
	claims, ok := m2mgin.Claims(c)
	if !ok {
		c.Status(http.StatusNoContent)
		return
	}
	c.JSON(http.StatusOK, adaptertest.IdentityOf(claims))
}

func start(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func setup(t *testing.T) (*auth0test.Tenant, *core.Validator) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	return ten, adaptertest.NewValidator(t, ten)
}

func TestErrorsReachErrorMiddleware(t *testing.T) {
	ten, v := setup(t)
	var seen []error
	r := gin.New()
	r.Use(func(c *gin.Context) {
		c.Next()
		for _, e := range c.Errors {
			seen = append(seen, e.Err)
		}
	})
	r.Use(m2mgin.New(v))
	r.GET("/", m2mgin.RequireScopes("admin"), identity)
	url := start(t, r)

	adaptertest.Get(t, url, "Bearer not-a-token")
	adaptertest.Get(t, url, adaptertest.Bearer(ten.Token(adaptertest.Audience)))
	want := []error{m2mauth.ErrTokenMalformed, m2mauth.ErrInsufficientScope}
	if len(seen) != len(want) {
		t.Fatalf("errors seen: got %d (%v), want %d", len(seen), seen, len(want))
	}
	for i := range want {
		if !errors.Is(seen[i], want[i]) {
			t.Errorf("error %d: got %v, want %v", i, seen[i], want[i])
		}
	}
}

func TestErrorHandler(t *testing.T) {
	ten, v := setup(t)
	reached := false
	custom := m2mgin.WithErrorHandler(func(c *gin.Context, err error) {
		c.String(http.StatusTeapot, core.ResponseFor(err).Code)
		c.Next() // must not reach the route: the request is aborted
	})
	r := gin.New()
	r.Use(m2mgin.New(v, custom))
	r.GET("/", m2mgin.RequireScopes("admin"), func(c *gin.Context) { reached = true })
	url := start(t, r)

	tests := []struct {
		name, auth, body string
	}{
		{"invalid token", "Bearer not-a-token", "invalid_token"},
		{"missing scope", adaptertest.Bearer(ten.Token(adaptertest.Audience)), "insufficient_scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := adaptertest.Get(t, url, tt.auth)
			if got.Status != http.StatusTeapot || got.Body != tt.body {
				t.Errorf("got %d %q, want %d %q", got.Status, got.Body, http.StatusTeapot, tt.body)
			}
		})
	}
	if reached {
		t.Error("the route ran after a refusal")
	}
}

func TestOptionalAndSkip(t *testing.T) {
	ten, v := setup(t)
	r := gin.New()
	r.Use(m2mgin.New(v,
		m2mgin.WithOptional(),
		m2mgin.WithSkip(func(c *gin.Context) bool { return c.FullPath() == "/health" }),
	))
	r.GET("/", identity)
	r.GET("/health", identity)
	r.GET("/messages", m2mgin.RequireScopes("read:messages"), identity)
	url := start(t, r)

	scoped := adaptertest.Bearer(ten.Token(adaptertest.Audience, "read:messages"))
	tests := []struct {
		name, path string
		auth       []string
		status     int
	}{
		{"no token passes", "/", nil, http.StatusNoContent},
		{"valid token sets claims", "/", []string{scoped}, http.StatusOK},
		{"invalid token is refused", "/", []string{"Bearer x"}, http.StatusUnauthorized},
		{"skipped route ignores the header", "/health", []string{"Bearer x"}, http.StatusNoContent},
		{"scoped route needs a token", "/messages", nil, http.StatusUnauthorized},
		{"scoped route with scope", "/messages", []string{scoped}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := adaptertest.Get(t, url+tt.path, tt.auth...).Status; got != tt.status {
				t.Errorf("status: got %d, want %d", got, tt.status)
			}
		})
	}
}

func TestRequireScopesAlone(t *testing.T) {
	r := gin.New()
	r.GET("/", m2mgin.RequireScopes("read:messages"), identity)
	got := adaptertest.Get(t, start(t, r))
	if got.Status != http.StatusUnauthorized || got.Header.Get("WWW-Authenticate") != "Bearer" {
		t.Errorf("got %d %q, want %d %q", got.Status,
			got.Header.Get("WWW-Authenticate"), http.StatusUnauthorized, "Bearer")
	}
}

func TestNewPanicsWithoutValidator(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(nil) did not panic")
		}
	}()
	m2mgin.New(nil)
}
