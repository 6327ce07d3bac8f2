// Command echo serves an API whose private routes need an Auth0
// machine-to-machine access token, routed by echo.
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
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/revup/m2mauth/adapters/m2mecho"
	"github.com/revup/m2mauth/core"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Getenv, func(addr net.Addr) {
		fmt.Fprintln(os.Stderr, "listening on", addr)
	})
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "echo:", err)
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
	srv := &http.Server{Handler: routes(v), ReadHeaderTimeout: 10 * time.Second}
	ready(ln.Addr())
	return serve(ctx, srv, ln)
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

func routes(v *core.Validator) http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	api := e.Group("/api")
	api.GET("/public", public)
	private := api.Group("", m2mecho.New(v))
	private.GET("/private", hello)
	private.GET("/private-scoped", hello, m2mecho.RequireScopes("read:messages"))
	return e
}

func public(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"message": "public: no token needed"})
}

func hello(c echo.Context) error {
	claims, _ := m2mecho.Claims(c)
	return c.JSON(http.StatusOK, map[string]any{
		"message":   "private: hello " + claims.ClientID,
		"client_id": claims.ClientID,
		"scopes":    claims.Scopes,
	})
}

// serve runs srv until ctx is done, then gives requests in flight ten
// seconds to finish.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(stopCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
