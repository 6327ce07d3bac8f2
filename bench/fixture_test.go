package bench

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/valyala/fasthttp"
)

const (
	audience = "https://api.bench.example"
	path     = "/v1/messages"
	scope    = "read:messages"
)

var bg = context.Background()

// quiet drops the validators' background logs, which would otherwise be
// interleaved with the benchmark output the table command parses.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fixture is shared by every benchmark of a run, so that all rows check
// the very same token against the very same key set.
type fixture struct {
	tenant *auth0test.Tenant
	token  string
	pub    *rsa.PublicKey
}

var (
	fixtureOnce sync.Once
	shared      *fixture
)

// sharedFixture starts the tenant on first use. It is never closed: it
// serves the whole test binary and goes with the process.
func sharedFixture() *fixture {
	fixtureOnce.Do(func() {
		ten := auth0test.NewTenant()
		ten.Handle("GET "+jwksWithAlgPath, jwksWithAlg(ten))
		shared = &fixture{
			tenant: ten,
			token:  ten.Token(audience, scope),
			pub:    &ten.SigningKey().Private.PublicKey,
		}
	})
	return shared
}

// jwksWithAlgPath serves the tenant's keys with "alg":"RS256" in each,
// as Auth0 tenants publish them today. auth0test leaves alg out, which
// core and most peers accept; go-jwt-middleware v3 (through jwx) then
// verifies with no key at all, so its row reads this one.
const jwksWithAlgPath = "/.well-known/jwks-with-alg.json"

func jwksWithAlg(ten *auth0test.Tenant) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		var keys []map[string]any
		for _, k := range ten.Keys() {
			jwk := k.JWK()
			jwk["alg"] = "RS256"
			keys = append(keys, jwk)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"keys": keys})
	})
}

// validator returns a core validator of the shared tenant; edit may
// change its configuration first.
func (fx *fixture) validator(tb testing.TB, edit func(*core.Config)) *core.Validator {
	tb.Helper()
	cfg := core.Config{
		Domain:   fx.tenant.Domain(),
		Audience: []string{audience},
		Logger:   quiet,
	}
	if edit != nil {
		edit(&cfg)
	}
	v, err := core.New(cfg)
	if err != nil {
		tb.Fatalf("core.New: %v", err)
	}
	tb.Cleanup(func() { v.Close() })
	return v
}

// discard is a ResponseWriter that keeps the status and drops the body,
// so that a request through a framework costs the framework and the
// middleware, not a recorder.
type discard struct {
	header http.Header
	status int
}

func (d *discard) Header() http.Header { return d.header }

func (d *discard) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}

func (d *discard) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	return len(p), nil
}

// serveHTTP returns a function that serves one GET request carrying
// authorization through h and returns the status. The request is built
// once: none of the handlers measured changes it in place.
func serveHTTP(h http.Handler, authorization string) func() int {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", authorization)
	w := &discard{header: http.Header{}}
	return func() int {
		clear(w.header)
		w.status = 0
		h.ServeHTTP(w, req)
		if w.status == 0 {
			return http.StatusOK
		}
		return w.status
	}
}

// serveFiber does the same for a fiber app, through its fasthttp handler:
// app.Test goes through a socket-like pipe and costs more than the app.
func serveFiber(app *fiber.App, authorization string) func() int {
	h := app.Handler()
	var ctx fasthttp.RequestCtx
	ctx.Request.Header.SetMethod(fasthttp.MethodGet)
	ctx.Request.SetRequestURI(path)
	ctx.Request.Header.Set("Authorization", authorization)
	return func() int {
		h(&ctx)
		status := ctx.Response.StatusCode()
		ctx.Response.Reset()
		return status
	}
}

// newFiber returns an app configured for measuring: no banner.
func newFiber() *fiber.App {
	return fiber.New(fiber.Config{DisableStartupMessage: true})
}
