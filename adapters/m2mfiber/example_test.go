package m2mfiber_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mfiber"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// get runs one request through app without a network listener.
func get(app *fiber.App, path, auth string) (int, string) {
	req, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		log.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := app.Test(req, -1)
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

	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	api := app.Group("/api", m2mfiber.New(v))
	api.Get("/whoami", func(c *fiber.Ctx) error {
		claims, _ := m2mfiber.Claims(c)
		return c.SendString(claims.ClientID)
	})
	api.Get("/messages", m2mfiber.RequireScopes("read:messages"), func(c *fiber.Ctx) error {
		return c.JSON([]string{"hello"})
	})

	token := "Bearer " + tenant.Token("https://api.example.com")
	fmt.Println(get(app, "/api/whoami", token))
	fmt.Println(get(app, "/api/messages", token))
	fmt.Println(get(app, "/api/messages", ""))
	// Output:
	// 200 test-client
	// 403 {"error":"insufficient_scope","error_description":"the token lacks a required scope"}
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
}

// With ForwardError, the application's ErrorHandler answers refusals
// like any other error.
func ExampleForwardError() {
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

	app := fiber.New(fiber.Config{
		DisableStartupMessage: true,
		ErrorHandler: func(c *fiber.Ctx, err error) error {
			var refused *m2mfiber.Error
			if errors.As(err, &refused) {
				return c.Status(refused.Response.Status).JSON(fiber.Map{"reason": refused.Response.Reason})
			}
			return fiber.DefaultErrorHandler(c, err)
		},
	})
	app.Use(m2mfiber.New(v, m2mfiber.WithErrorHandler(m2mfiber.ForwardError)))
	app.Get("/", func(c *fiber.Ctx) error { return nil })

	fmt.Println(get(app, "/", "Bearer not-a-token"))
	// Output:
	// 401 {"reason":"malformed_token"}
}

// With ForwardError and fiber's default ErrorHandler, a refusal is
// answered with its status and the error's text; errors.Is matches the
// m2mauth sentinels and errors.As finds the *fiber.Error.
func ExampleError() {
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

	var seen error
	app := fiber.New(fiber.Config{
		DisableStartupMessage: true,
		ErrorHandler: func(c *fiber.Ctx, err error) error {
			seen = err
			return fiber.DefaultErrorHandler(c, err)
		},
	})
	app.Use(m2mfiber.New(v, m2mfiber.WithErrorHandler(m2mfiber.ForwardError)))
	app.Get("/", func(c *fiber.Ctx) error { return nil })

	fmt.Println(get(app, "/", "Bearer not-a-token"))
	var fe *fiber.Error
	fmt.Println(errors.Is(seen, m2mauth.ErrTokenMalformed), errors.As(seen, &fe), fe.Code)
	// Output:
	// 401 m2mauth: the token is malformed
	// true true 401
}

// WithSkip lets chosen requests through unauthenticated and without
// claims, like the Next field of fiber's own middleware configs.
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

	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(m2mfiber.New(v, m2mfiber.WithSkip(func(c *fiber.Ctx) bool {
		return c.Path() == "/healthz"
	})))
	app.Get("/healthz", func(c *fiber.Ctx) error {
		_, authenticated := m2mfiber.Claims(c)
		return c.SendString(fmt.Sprintf("authenticated=%v", authenticated))
	})
	app.Get("/orders", func(c *fiber.Ctx) error { return nil })

	fmt.Println(get(app, "/healthz", ""))
	fmt.Println(get(app, "/orders", ""))
	// Output:
	// 200 authenticated=false
	// 401 {"error":"unauthorized","error_description":"a bearer token is required"}
}
