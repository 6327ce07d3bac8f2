package m2mecho_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mecho"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

func TestBehaviourTable(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		e := newEcho()
		e.GET(adaptertest.PublicPath, func(c echo.Context) error { return c.String(http.StatusOK, "public") })
		auth := e.Group("", m2mecho.New(v))
		auth.GET(adaptertest.PrivatePath, identity)
		auth.GET(adaptertest.ScopedPath, identity, m2mecho.RequireScopes(adaptertest.Scope))
		return start(t, e)
	})
}

func TestBehaviourTableWithScopesOption(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		e := newEcho()
		e.GET(adaptertest.PublicPath, func(c echo.Context) error { return c.String(http.StatusOK, "public") })
		e.GET(adaptertest.PrivatePath, identity, m2mecho.New(v))
		e.GET(adaptertest.ScopedPath, identity, m2mecho.New(v, m2mecho.WithScopes(adaptertest.Scope)))
		return start(t, e)
	})
}

func newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	return e
}

// identity echoes the claims read through the typed accessor, and
// answers 204 when there are none.
func identity(c echo.Context) error {
	claims, ok := m2mecho.Claims(c)
	if !ok {
		return c.NoContent(http.StatusNoContent)
	}
	return c.JSON(http.StatusOK, adaptertest.IdentityOf(claims))
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

func TestAppErrorHandlerGetsHTTPError(t *testing.T) {
	ten, v := setup(t)
	var got []*echo.HTTPError
	e := newEcho()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		var he *echo.HTTPError
		if !errors.As(err, &he) {
			t.Errorf("error %v is not an *echo.HTTPError", err)
			return
		}
		got = append(got, he)
		c.String(he.Code, "app")
	}
	e.Use(m2mecho.New(v))
	e.GET("/", identity, m2mecho.RequireScopes("admin"))
	url := start(t, e)

	tests := []struct {
		name, auth string
		status     int
		challenge  string
		reason     error
	}{
		{"invalid token", "Bearer not-a-token", http.StatusUnauthorized,
			`Bearer error="invalid_token", error_description="the token is malformed"`,
			m2mauth.ErrTokenMalformed},
		{"missing scope", adaptertest.Bearer(ten.Token(adaptertest.Audience)), http.StatusForbidden,
			`Bearer error="insufficient_scope", error_description="the token lacks a required scope", scope="admin"`,
			m2mauth.ErrInsufficientScope},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := adaptertest.Get(t, url, tt.auth)
			if resp.Status != tt.status || resp.Body != "app" {
				t.Errorf("answer: got %d %q, want %d %q", resp.Status, resp.Body, tt.status, "app")
			}
			if ch := resp.Header.Get("WWW-Authenticate"); ch != tt.challenge {
				t.Errorf("challenge: got %q, want %q", ch, tt.challenge)
			}
			if len(got) != i+1 {
				t.Fatalf("HTTPErrorHandler calls: got %d, want %d", len(got), i+1)
			}
			he := got[i]
			if !errors.Is(he.Internal, tt.reason) {
				t.Errorf("Internal: got %v, want %v", he.Internal, tt.reason)
			}
			msg, ok := he.Message.(core.ErrorResponse)
			if !ok || msg != core.ResponseFor(he.Internal) {
				t.Errorf("Message: got %#v, want core.ResponseFor(Internal)", he.Message)
			}
		})
	}
}

func TestErrorHandler(t *testing.T) {
	ten, v := setup(t)
	custom := m2mecho.WithErrorHandler(func(c echo.Context, err error) error {
		return c.String(http.StatusTeapot, string(core.ResponseFor(err).Reason))
	})
	e := newEcho()
	e.Use(m2mecho.New(v, custom))
	e.GET("/", identity, m2mecho.RequireScopes("admin"))
	url := start(t, e)

	tests := []struct {
		name, auth, body string
	}{
		{"invalid token", "Bearer not-a-token", "malformed_token"},
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
}

func TestOptionalAndSkip(t *testing.T) {
	ten, v := setup(t)
	e := newEcho()
	e.Use(m2mecho.New(v,
		m2mecho.WithOptional(),
		m2mecho.WithSkip(func(c echo.Context) bool { return c.Request().URL.Path == "/health" }),
	))
	e.GET("/", identity)
	e.GET("/health", identity)
	e.GET("/messages", identity, m2mecho.RequireScopes("read:messages"))
	url := start(t, e)

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

func TestNewPanicsWithoutValidator(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(nil) did not panic")
		}
	}()
	m2mecho.New(nil)
}
