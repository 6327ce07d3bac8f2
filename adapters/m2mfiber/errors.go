package m2mfiber

import (
	"github.com/gofiber/fiber/v2"

	"github.com/revup/m2mauth/core"
)

// WriteError is the default ErrorHandler: it writes the RFC 6750 answer
// core.ResponseFor(err) describes, with its WWW-Authenticate challenge
// and its JSON body, and returns nil.
func WriteError(c *fiber.Ctx, err error) error {
	resp := core.ResponseFor(err)
	if resp.Challenge != "" {
		c.Set(fiber.HeaderWWWAuthenticate, resp.Challenge)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Status(resp.Status).Send(resp.JSON())
}

// ForwardError is an ErrorHandler that leaves the answer to the
// application's fiber ErrorHandler: it sets the WWW-Authenticate
// challenge and returns an *Error.
func ForwardError(c *fiber.Ctx, err error) error {
	resp := core.ResponseFor(err)
	if resp.Challenge != "" {
		c.Set(fiber.HeaderWWWAuthenticate, resp.Challenge)
	}
	return &Error{Response: resp, Err: err}
}

// Error is the refusal ForwardError returns. errors.As finds in it a
// *fiber.Error whose Code is Response.Status and whose Message is
// Response.Description, and errors.Is matches it against the m2mauth
// sentinels of Err. Response encodes to the JSON body the other
// adapters write, for an ErrorHandler that wants it.
type Error struct {
	Response core.ErrorResponse
	// Err is the *m2mauth.AuthenticationError.
	Err error
}

// Error returns the description, safe to show a client: fiber's default
// ErrorHandler writes it as the body.
func (e *Error) Error() string { return "m2mauth: " + e.Response.Description }

// Unwrap returns the *fiber.Error for the status, then Err.
func (e *Error) Unwrap() []error {
	return []error{fiber.NewError(e.Response.Status, e.Response.Description), e.Err}
}
