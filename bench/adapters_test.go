package bench

import (
	"context"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"

	"github.com/revup/m2mauth/adapters/m2mchi"
	"github.com/revup/m2mauth/adapters/m2mecho"
	"github.com/revup/m2mauth/adapters/m2mfiber"
	"github.com/revup/m2mauth/adapters/m2mgin"
	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/core"
)

// adapterRows measure each framework bare, routing to a handler that
// answers 200; then with a middleware that only hands one pointer to the
// handler the framework's way (set-value), which is what the framework
// itself charges any middleware that passes claims on; then with our
// middleware in front of the same handler, on a repeated token and on a
// first-seen one (the cache off). The table's "over bare" column is a
// middleware's whole cost, the core's included.
func adapterRows() []row {
	var rows []row
	for _, fw := range frameworks {
		rows = append(rows,
			row{name: fw.name + "/bare", bare: true, build: fw.bare},
			row{name: fw.name + "/set-value", bare: true, build: fw.setValue},
			adapterRow(fw.name+"/"+fw.ours, fw.with, false),
			adapterRow(fw.name+"/"+fw.ours+"-first-seen", fw.with, true),
		)
	}
	return rows
}

// framework builds one framework's app: bare, with a middleware that
// only sets a value, or with ours.
type framework struct {
	name, ours     string
	bare, setValue func(tb testing.TB, fx *fixture, authorization string) func() int
	with           func(v *core.Validator, authorization string) func() int
}

var frameworks = []framework{
	{"net-http", "m2mhttp", bareNetHTTP, setNetHTTP, withNetHTTP},
	{"chi", "m2mchi", bareChi, setChi, withChi},
	{"gin", "m2mgin", bareGin, setGin, withGin},
	{"echo", "m2mecho", bareEcho, setEcho, withEcho},
	{"fiber", "m2mfiber", bareFiber, setFiber, withFiber},
}

// The set-value middlewares store this pointer under this key, as ours
// store the verified claims.
type valueKey struct{}

var value = &core.Claims{Subject: "set-value"}

func setContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), valueKey{}, value)))
	})
}

func adapterRow(name string, with func(*core.Validator, string) func() int, firstSeen bool) row {
	return row{
		name: name, expiry: true, issuer: true, audience: true,
		build: func(tb testing.TB, fx *fixture, authorization string) func() int {
			v := fx.validator(tb, func(c *core.Config) { c.DisableCache = firstSeen })
			return with(v, authorization)
		},
	}
}

func netHTTP(mw func(http.Handler) http.Handler, authorization string) func() int {
	mux := http.NewServeMux()
	mux.Handle("GET "+path, mw(okHandler))
	return serveHTTP(mux, authorization)
}

func bareNetHTTP(_ testing.TB, _ *fixture, authorization string) func() int {
	return netHTTP(func(h http.Handler) http.Handler { return h }, authorization)
}

func setNetHTTP(_ testing.TB, _ *fixture, authorization string) func() int {
	return netHTTP(setContext, authorization)
}

func withNetHTTP(v *core.Validator, authorization string) func() int {
	return netHTTP(m2mhttp.New(v), authorization)
}

func chiRouter(mws []func(http.Handler) http.Handler, authorization string) func() int {
	r := chi.NewRouter()
	r.Use(mws...)
	r.Get(path, okHandler)
	return serveHTTP(r, authorization)
}

func bareChi(_ testing.TB, _ *fixture, authorization string) func() int {
	return chiRouter(nil, authorization)
}

func setChi(_ testing.TB, _ *fixture, authorization string) func() int {
	return chiRouter([]func(http.Handler) http.Handler{setContext}, authorization)
}

func withChi(v *core.Validator, authorization string) func() int {
	return chiRouter([]func(http.Handler) http.Handler{m2mchi.New(v)}, authorization)
}

func ginEngine(mws []gin.HandlerFunc, authorization string) func() int {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	handlers := append(mws, func(c *gin.Context) { c.Status(http.StatusOK) })
	e.GET(path, handlers...)
	return serveHTTP(e, authorization)
}

func bareGin(_ testing.TB, _ *fixture, authorization string) func() int {
	return ginEngine(nil, authorization)
}

func setGin(_ testing.TB, _ *fixture, authorization string) func() int {
	return ginEngine([]gin.HandlerFunc{func(c *gin.Context) { c.Set(valueKey{}, value) }}, authorization)
}

func withGin(v *core.Validator, authorization string) func() int {
	return ginEngine([]gin.HandlerFunc{m2mgin.New(v)}, authorization)
}

func echoApp(mws []echo.MiddlewareFunc, authorization string) func() int {
	e := echo.New()
	e.GET(path, func(c echo.Context) error { return c.NoContent(http.StatusOK) }, mws...)
	return serveHTTP(e, authorization)
}

func bareEcho(_ testing.TB, _ *fixture, authorization string) func() int {
	return echoApp(nil, authorization)
}

func setEcho(_ testing.TB, _ *fixture, authorization string) func() int {
	mw := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set("value", value)
			return next(c)
		}
	}
	return echoApp([]echo.MiddlewareFunc{mw}, authorization)
}

func withEcho(v *core.Validator, authorization string) func() int {
	return echoApp([]echo.MiddlewareFunc{m2mecho.New(v)}, authorization)
}

func fiberApp(mws []fiber.Handler, authorization string) func() int {
	app := newFiber()
	handlers := append(mws, func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
	app.Get(path, handlers...)
	return serveFiber(app, authorization)
}

func bareFiber(_ testing.TB, _ *fixture, authorization string) func() int {
	return fiberApp(nil, authorization)
}

func setFiber(_ testing.TB, _ *fixture, authorization string) func() int {
	return fiberApp([]fiber.Handler{func(c *fiber.Ctx) error {
		c.Locals(valueKey{}, value)
		return c.Next()
	}}, authorization)
}

func withFiber(v *core.Validator, authorization string) func() int {
	return fiberApp([]fiber.Handler{m2mfiber.New(v)}, authorization)
}
