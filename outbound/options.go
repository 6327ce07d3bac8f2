package outbound

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Option shapes one call: its query, headers and body, or the
// credentials it is made with. Options are applied in order; a later
// body replaces an earlier one.
type Option func(*call)

// call collects the options of one call.
type call struct {
	query       url.Values
	header      http.Header
	body        io.Reader
	hasBody     bool
	contentType string
	err         error

	// Per-call credentials. The secret is held behind a pointer: fmt
	// prints unexported fields raw, but a pointer only as an address.
	clientID string
	secret   *string
	audience string
	scopes   []string
	override bool
}

// Query adds parameters to the URL's query, as the Python library's
// params argument does. Parameters already in the URL are kept.
func Query(params url.Values) Option {
	return func(c *call) {
		if c.query == nil {
			c.query = url.Values{}
		}
		for k, vs := range params {
			c.query[k] = append(c.query[k], vs...)
		}
	}
}

// Header sets a request header, replacing any value it had, including
// the Content-Type a body option sets. It cannot set Authorization,
// which carries the token.
func Header(key, value string) Option {
	return func(c *call) {
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Set(key, value)
	}
}

// JSON sends v encoded as JSON, with Content-Type application/json, as
// the Python library's json argument does.
func JSON(v any) Option {
	return func(c *call) {
		b, err := json.Marshal(v)
		if err != nil {
			c.err = fmt.Errorf("m2mauth: encoding the JSON body: %w", err)
			return
		}
		c.setBody(bytes.NewReader(b), "application/json")
	}
}

// Form sends values form-encoded, as the Python library's data argument
// does.
func Form(values url.Values) Option {
	return func(c *call) {
		c.setBody(strings.NewReader(values.Encode()), "application/x-www-form-urlencoded")
	}
}

// Body sends r as the body with the given Content-Type (none if empty).
// A *bytes.Reader, *bytes.Buffer or *strings.Reader can be replayed
// after a 401; other readers cannot.
func Body(r io.Reader, contentType string) Option {
	return func(c *call) { c.setBody(r, contentType) }
}

func (c *call) setBody(r io.Reader, contentType string) {
	c.body, c.hasBody, c.contentType = r, true, contentType
}

// Credentials makes the call with another application's client id and
// secret, as the Python library's client_id and client_secret arguments
// do. The Client keeps one token source per set of credentials,
// audience and scopes it has been called with.
func Credentials(clientID, clientSecret string) Option {
	return func(c *call) {
		c.clientID, c.secret, c.override = clientID, &clientSecret, true
	}
}

// Audience makes the call with a token for another audience.
func Audience(audience string) Option {
	return func(c *call) { c.audience, c.override = audience, true }
}

// Scopes makes the call with a token asked for these scopes only.
func Scopes(scopes ...string) Option {
	return func(c *call) { c.scopes, c.override = scopes, true }
}

// shape returns a copy of req with the call's query, body and headers.
func (c *call) shape(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if len(c.query) > 0 {
		q := r.URL.Query()
		for k, vs := range c.query {
			q[k] = append(q[k], vs...)
		}
		r.URL.RawQuery = q.Encode()
	}
	if c.hasBody {
		// NewRequest knows which readers can be replayed, and sets
		// GetBody and ContentLength for them.
		b, err := http.NewRequestWithContext(r.Context(), r.Method, r.URL.String(), c.body)
		if err != nil {
			return nil, fmt.Errorf("m2mauth: %w", err)
		}
		r.Body, r.GetBody, r.ContentLength = b.Body, b.GetBody, b.ContentLength
		if c.contentType != "" {
			r.Header.Set("Content-Type", c.contentType)
		}
	}
	for k, vs := range c.header {
		if k != "Authorization" {
			r.Header[k] = vs
		}
	}
	return r, nil
}
