package m2mfiber_test

import (
	"errors"
	"net"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mfiber"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

func TestBehaviourTable(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		app := newApp()
		app.Get(adaptertest.PublicPath, func(c *fiber.Ctx) error { return c.SendString("public") })
		auth := app.Group("", m2mfiber.New(v))
		auth.Get(adaptertest.PrivatePath, identity)
		auth.Get(adaptertest.ScopedPath, m2mfiber.RequireScopes(adaptertest.Scope), identity)
		return start(t, app)
	}, headerLimit)
}

func TestBehaviourTableWithScopesOption(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		app := newApp()
		app.Get(adaptertest.PublicPath, func(c *fiber.Ctx) error { return c.SendString("public") })
		app.Get(adaptertest.PrivatePath, m2mfiber.New(v), identity)
		app.Get(adaptertest.ScopedPath, m2mfiber.New(v, m2mfiber.WithScopes(adaptertest.Scope)), identity)
		return start(t, app)
	}, headerLimit)
}

// headerLimit tells the table that fasthttp answers 431 itself, before
// the middleware runs, to a request whose header block does not fit its
// read buffer: the attack table's few tokens longer than 4 KiB.
var headerLimit = adaptertest.HeaderLimit(fiber.DefaultReadBufferSize)

func newApp(cfg ...fiber.Config) *fiber.App {
	c := fiber.Config{}
	if len(cfg) > 0 {
		c = cfg[0]
	}
	c.DisableStartupMessage = true
	return fiber.New(c)
}

// identity echoes the claims read through the typed accessor, and
// answers 204 when there are none.
func identity(c *fiber.Ctx) error {
	claims, ok := m2mfiber.Claims(c)
	if !ok {
		return c.SendStatus(http.StatusNoContent)
	}
	return c.JSON(adaptertest.IdentityOf(claims))
}

// start serves app on a loopback port until the test ends.
func start(t *testing.T, app *fiber.App) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	t.Cleanup(func() {
		if err := app.Shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

func setup(t *testing.T) (*auth0test.Tenant, *core.Validator) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	return ten, adaptertest.NewValidator(t, ten)
}

func TestForwardErrorToDefaultErrorHandler(t *testing.T) {
	_, v := setup(t)
	app := newApp()
	app.Get("/", m2mfiber.New(v, m2mfiber.WithErrorHandler(m2mfiber.ForwardError)), identity)

	got := adaptertest.Get(t, start(t, app), "Bearer not-a-token")
	const challenge = `Bearer error="invalid_token", error_description="the token is malformed"`
	if got.Status != http.StatusUnauthorized || got.Body != "m2mauth: the token is malformed" {
		t.Errorf("answer: got %d %q, want %d %q", got.Status, got.Body,
			http.StatusUnauthorized, "m2mauth: the token is malformed")
	}
	if ch := got.Header.Get("WWW-Authenticate"); ch != challenge {
		t.Errorf("challenge: got %q, want %q", ch, challenge)
	}
}

func TestForwardErrorToAppErrorHandler(t *testing.T) {
	ten, v := setup(t)
	var seen []error
	app := newApp(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
		seen = append(seen, err)
		var fe *fiber.Error
		var me *m2mfiber.Error
		if !errors.As(err, &fe) || !errors.As(err, &me) {
			return c.SendStatus(http.StatusInternalServerError)
		}
		return c.Status(fe.Code).JSON(me.Response)
	}})
	app.Use(m2mfiber.New(v, m2mfiber.WithErrorHandler(m2mfiber.ForwardError)))
	app.Get("/", m2mfiber.RequireScopes("admin"), identity)
	url := start(t, app)

	tests := []struct {
		name, auth string
		status     int
		body       string
		want       error
	}{
		{"expired", adaptertest.Bearer(ten.Sign(auth0test.Claims{
			"iss": ten.Issuer(), "aud": adaptertest.Audience, "sub": "c@clients", "exp": 1,
		})), http.StatusUnauthorized,
			`{"error":"invalid_token","error_description":"the token has expired"}`,
			m2mauth.ErrTokenExpired},
		{"missing scope", adaptertest.Bearer(ten.Token(adaptertest.Audience)), http.StatusForbidden,
			`{"error":"insufficient_scope","error_description":"the token lacks a required scope"}`,
			m2mauth.ErrInsufficientScope},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := adaptertest.Get(t, url, tt.auth)
			if got.Status != tt.status || got.Body != tt.body {
				t.Errorf("answer: got %d %s, want %d %s", got.Status, got.Body, tt.status, tt.body)
			}
			if len(seen) != i+1 {
				t.Fatalf("ErrorHandler calls: got %d, want %d", len(seen), i+1)
			}
			if !errors.Is(seen[i], tt.want) {
				t.Errorf("error: got %v, want %v", seen[i], tt.want)
			}
		})
	}
}

func TestOptionalAndSkip(t *testing.T) {
	ten, v := setup(t)
	app := newApp()
	app.Use(m2mfiber.New(v,
		m2mfiber.WithOptional(),
		m2mfiber.WithSkip(func(c *fiber.Ctx) bool { return c.Path() == "/health" }),
	))
	app.Get("/", identity)
	app.Get("/health", identity)
	app.Get("/messages", m2mfiber.RequireScopes("read:messages"), identity)
	url := start(t, app)

	scoped := adaptertest.Bearer(ten.Token(adaptertest.Audience, "read:messages"))
	tests := []struct {
		name, path string
		auth       []string
		status     int
	}{
		{"no token passes", "/", nil, http.StatusNoContent},
		{"valid token sets claims", "/", []string{scoped}, http.StatusOK},
		{"invalid token is refused", "/", []string{"Bearer x"}, http.StatusUnauthorized},
		{"two headers are refused", "/", []string{scoped, scoped}, http.StatusUnauthorized},
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

// TestClaimsOutliveTheRequest pins the fasthttp aliasing hazard: claims
// kept after a handler returns must not change when fasthttp reuses its
// buffers for the next request.
func TestClaimsOutliveTheRequest(t *testing.T) {
	ten, v := setup(t)
	var kept []*core.Claims
	app := newApp(fiber.Config{Concurrency: 1})
	app.Get("/", m2mfiber.New(v), func(c *fiber.Ctx) error {
		claims, _ := m2mfiber.Claims(c)
		kept = append(kept, claims)
		return nil
	})
	url := start(t, app)

	clients := []string{"client-aaaa", "client-bbbb", "client-cccc"}
	for _, id := range clients {
		tok := ten.Sign(ten.M2MClaims(id, adaptertest.Audience))
		adaptertest.Get(t, url, adaptertest.Bearer(tok))
	}
	if len(kept) != len(clients) {
		t.Fatalf("requests served: got %d, want %d", len(kept), len(clients))
	}
	for i, id := range clients {
		if kept[i] == nil || kept[i].ClientID != id || kept[i].Subject != id+"@clients" {
			t.Errorf("claims %d: got %+v, want client %q", i, kept[i], id)
		}
	}
}

func TestNewPanicsWithoutValidator(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(nil) did not panic")
		}
	}()
	m2mfiber.New(nil)
}
