package outbound

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/tenant"
)

// Client calls APIs with a bearer token obtained for its default
// credentials and audience, or for those a call brings. It is safe for
// concurrent use; share one per process rather than making one per call,
// so that tokens are reused. Close it when done.
type Client struct {
	// cfg holds no secret; see core.TokenSource for why it lives behind
	// a pointer.
	cfg    Config
	secret *string
	def    *route // nil when there are no default credentials

	mu     sync.Mutex
	routes map[routeKey]*route
	closed bool
}

// route is the token source of one set of credentials, audience and
// scopes, with the HTTP client that sends its token.
type route struct {
	src    *core.TokenSource
	client *http.Client
}

// routeKey tells routes apart. The secret is part of it, as a digest,
// so that a call with a rotated secret does not reuse the old one's
// source.
type routeKey struct {
	clientID, audience, scope string
	secret                    [sha256.Size]byte
}

var errClosed = errors.New("m2mauth: client is closed")

// New checks cfg and returns a Client. It makes no network call. A
// missing setting is reported with its sentinel, such as
// m2mauth.ErrMissingDomain or m2mauth.ErrMissingClientSecret.
func New(cfg Config) (*Client, error) {
	if _, err := tenant.Parse(cfg.Token.Domain); err != nil {
		return nil, err
	}
	if cfg.MaxErrorBody <= 0 {
		cfg.MaxErrorBody = DefaultMaxErrorBody
	}
	if cfg.Token.Store == nil {
		// One store for every route, so that a call whose options name
		// the default credentials reuses the default token.
		cfg.Token.Store = core.NewMemoryStore()
	}
	secret := cfg.Token.ClientSecret
	cfg.Token.ClientSecret = ""
	c := &Client{cfg: cfg, secret: &secret, routes: map[routeKey]*route{}}
	t := cfg.Token
	if t.ClientID == "" && secret == "" && t.Audience == "" {
		return c, nil
	}
	def, err := c.route(&call{})
	if err != nil {
		return nil, err
	}
	c.def = def
	return c, nil
}

// route returns the route for a call's credentials, making it the first
// time they are seen.
func (c *Client) route(o *call) (*route, error) {
	if !o.override && c.def != nil {
		return c.def, nil
	}
	tc := c.cfg.Token
	tc.ClientSecret = *c.secret
	if o.secret != nil {
		tc.ClientID, tc.ClientSecret = o.clientID, *o.secret
	}
	if o.audience != "" {
		tc.Audience = o.audience
	}
	if o.scopes != nil {
		tc.Scopes = o.scopes
	}
	key := routeKey{
		clientID: tc.ClientID,
		audience: tc.Audience,
		scope:    sortedScopes(tc.Scopes),
		secret:   sha256.Sum256([]byte(tc.ClientSecret)),
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.routes[key]; ok {
		return r, nil
	}
	if c.closed {
		return nil, errClosed
	}
	src, err := core.NewTokenSource(tc)
	if err != nil {
		return nil, err
	}
	r := &route{src: src, client: &http.Client{
		Transport: &Transport{Source: src, Base: c.cfg.Base},
	}}
	c.routes[key] = r
	return r, nil
}

func sortedScopes(scopes []string) string {
	var list []string
	for _, s := range scopes {
		list = append(list, strings.Fields(s)...)
	}
	slices.Sort(list)
	return strings.Join(slices.Compact(list), " ")
}

// Get sends a GET request to url.
func (c *Client) Get(ctx context.Context, url string, opts ...Option) (*http.Response, error) {
	return c.send(ctx, http.MethodGet, url, opts)
}

// Post sends a POST request to url, usually with a JSON, Form or Body
// option.
func (c *Client) Post(ctx context.Context, url string, opts ...Option) (*http.Response, error) {
	return c.send(ctx, http.MethodPost, url, opts)
}

// Put sends a PUT request to url.
func (c *Client) Put(ctx context.Context, url string, opts ...Option) (*http.Response, error) {
	return c.send(ctx, http.MethodPut, url, opts)
}

// Patch sends a PATCH request to url.
func (c *Client) Patch(ctx context.Context, url string, opts ...Option) (*http.Response, error) {
	return c.send(ctx, http.MethodPatch, url, opts)
}

// Delete sends a DELETE request to url.
func (c *Client) Delete(ctx context.Context, url string, opts ...Option) (*http.Response, error) {
	return c.send(ctx, http.MethodDelete, url, opts)
}

func (c *Client) send(ctx context.Context, method, url string, opts []Option) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, fmt.Errorf("m2mauth: %w", err)
	}
	return c.Do(req, opts...)
}

// Do sends req with a bearer token, shaped by opts. An answer outside
// 2xx is returned together with an *m2mauth.HTTPError that holds it; see
// the package documentation. As with http.Client.Do, the request's body
// is closed, even on errors.
func (c *Client) Do(req *http.Request, opts ...Option) (*http.Response, error) {
	var o call
	for _, opt := range opts {
		opt(&o)
	}
	r, err := c.route(&o)
	if err == nil {
		err = o.err
	}
	if err == nil && len(opts) > 0 {
		req, err = o.shape(req)
	}
	if err != nil {
		closeBody(req)
		return nil, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, err
	}
	return checkStatus(resp, c.cfg.MaxErrorBody)
}

// Transport returns the RoundTripper that sends the default token, for
// HTTP libraries that take one. It fails every request when the Client
// has no default credentials.
func (c *Client) Transport() *Transport {
	if c.def == nil {
		return &Transport{Base: c.cfg.Base}
	}
	return c.def.client.Transport.(*Transport)
}

// HTTPClient returns an *http.Client that sends the default token with
// every request. Unlike the Client's methods, it follows net/http's rule
// that an answer of any status is not an error.
func (c *Client) HTTPClient() *http.Client {
	return &http.Client{Transport: c.Transport()}
}

// TokenSource returns the source of the default token, or nil when the
// Client has no default credentials.
func (c *Client) TokenSource() *core.TokenSource {
	if c.def == nil {
		return nil
	}
	return c.def.src
}

// Close stops the token fetches in progress and waits for them to end.
// Requests already holding a token may still complete.
func (c *Client) Close() error {
	c.mu.Lock()
	c.closed = true
	routes := make([]*route, 0, len(c.routes))
	for _, r := range c.routes {
		routes = append(routes, r)
	}
	c.mu.Unlock()
	for _, r := range routes {
		r.src.Close()
	}
	return nil
}

// Format prints what the Client is for, never its secret or tokens.
func (c *Client) Format(f fmt.State, _ rune) {
	if c.def == nil {
		fmt.Fprintf(f, "outbound.Client{%s}", c.cfg.Token.Domain)
		return
	}
	fmt.Fprintf(f, "outbound.Client{%s}", c.def.src.Key())
}
