package m2mfiber_test

import (
	"context"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/revup/m2mauth/adapters/m2mfiber"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/internal/adaptertest"
)

func benchSetup(b *testing.B) (string, fasthttp.RequestHandler) {
	ten := auth0test.NewTenant()
	b.Cleanup(ten.Close)
	v := adaptertest.NewValidator(b, ten)
	value := adaptertest.Bearer(ten.Token(adaptertest.Audience))
	if _, err := v.ValidateAuthorization(context.Background(), value); err != nil {
		b.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", m2mfiber.New(v), func(c *fiber.Ctx) error {
		if _, ok := m2mfiber.Claims(c); !ok {
			b.Fatal("the handler saw no claims")
		}
		return nil
	})
	return value, app.Handler()
}

// BenchmarkFiber serves a cached token through fiber's own handler, with
// no network; compare with m2mhttp's BenchmarkCore for the adapter cost.
func BenchmarkFiber(b *testing.B) {
	value, h := benchSetup(b)
	var ctx fasthttp.RequestCtx
	ctx.Request.SetRequestURI("/")
	ctx.Request.Header.SetMethod(fiber.MethodGet)
	ctx.Request.Header.Set(fiber.HeaderAuthorization, value)
	b.ReportAllocs()
	for b.Loop() {
		h(&ctx)
		if ctx.Response.StatusCode() != fiber.StatusOK {
			b.Fatalf("status: got %d, want %d", ctx.Response.StatusCode(), fiber.StatusOK)
		}
	}
}
