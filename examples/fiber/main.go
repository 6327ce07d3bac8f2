// Command fiber serves an API whose private routes need an Auth0
// machine-to-machine access token, with fiber.
//
// It reads AUTH0_DOMAIN and AUTH0_AUDIENCE, and listens on ADDR
// (default ":8080"):
//
//	GET /api/public          open to all
//	GET /api/private         any valid token
//	GET /api/private-scoped  a valid token granting read:messages
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/revup/m2mauth/adapters/m2mfiber"
	"github.com/revup/m2mauth/core"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Getenv, func(addr net.Addr) {
		fmt.Fprintln(os.Stderr, "listening on", addr)
	})
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "fiber:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts down gracefully.
func run(ctx context.Context, getenv func(string) string, ready func(net.Addr)) error {
	v, err := validator(getenv)
	if err != nil {
		return err
	}
	defer v.Close()

	ln, err := net.Listen("tcp", cmp.Or(getenv("ADDR"), ":8080"))
	if err != nil {
		return err
	}
	app := fiber.New(fiber.Config{
		DisableStartupMessage: true,
		ReadTimeout:           10 * time.Second,
	})
	routes(app, v)
	ready(ln.Addr())
	return serve(ctx, app, ln)
}

func validator(getenv func(string) string) (*core.Validator, error) {
	domain, audience := getenv("AUTH0_DOMAIN"), getenv("AUTH0_AUDIENCE")
	switch {
	case domain == "":
		return nil, errors.New("AUTH0_DOMAIN is not set")
	case audience == "":
		return nil, errors.New("AUTH0_AUDIENCE is not set")
	}
	return core.New(core.Config{Domain: domain, Audience: []string{audience}})
}

func routes(app *fiber.App, v *core.Validator) {
	api := app.Group("/api")
	api.Get("/public", public)
	private := api.Group("", m2mfiber.New(v))
	private.Get("/private", hello)
	private.Get("/private-scoped", m2mfiber.RequireScopes("read:messages"), hello)
}

func public(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"message": "public: no token needed"})
}

func hello(c *fiber.Ctx) error {
	claims, _ := m2mfiber.Claims(c)
	return c.JSON(fiber.Map{
		"message":   "private: hello " + claims.ClientID,
		"client_id": claims.ClientID,
		"scopes":    claims.Scopes,
	})
}

// serve runs app until ctx is done, then gives requests in flight ten
// seconds to finish.
func serve(ctx context.Context, app *fiber.App, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := app.ShutdownWithContext(stopCtx); err != nil {
		return err
	}
	return <-errc
}
