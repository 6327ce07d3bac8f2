package auth0test

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Client is an application registered with a Tenant, allowed the
// client-credentials grant.
type Client struct {
	ID     string
	Secret string
	// Grants maps each audience the client may ask tokens for to the
	// scopes it was granted there: Auth0's client grants.
	Grants map[string][]string
	// ExpiresIn is the life of the client's tokens in seconds. Zero means
	// DefaultLifetime; a negative value leaves expires_in out of the
	// answer, as some servers do.
	ExpiresIn int
}

// TokenAnswer is a scripted answer of the token endpoint.
type TokenAnswer struct {
	// Delay holds the answer back, as a slow tenant would.
	Delay time.Duration
	// Status is the HTTP status to answer with. Zero issues a token as
	// usual, after Delay.
	Status int
	// Error and Description fill Auth0's error object.
	Error       string
	Description string
	// Header is added to the answer, such as Retry-After.
	Header http.Header
}

// RateLimited returns Auth0's answer to a client over its rate limit:
// 429 with X-RateLimit-Limit, X-RateLimit-Remaining 0 and
// X-RateLimit-Reset, the Unix time reset from now; and Retry-After in
// whole seconds when retryAfter is positive.
func RateLimited(reset, retryAfter time.Duration) TokenAnswer {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", "10")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(reset).Unix(), 10))
	if retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int(retryAfter/time.Second)))
	}
	return TokenAnswer{
		Status:      http.StatusTooManyRequests,
		Error:       "too_many_requests",
		Description: "Global limit has been reached",
		Header:      h,
	}
}

// TokenRequest records one token request, without its secret.
type TokenRequest struct {
	ClientID string
	Audience string
	Scope    string
	// AuthMethod is "client_secret_post" or "client_secret_basic".
	AuthMethod  string
	ContentType string
}

// tokenEndpoint is the state of POST /oauth/token.
type tokenEndpoint struct {
	mu      sync.Mutex
	clients map[string]Client
	script  []TokenAnswer
	always  *TokenAnswer
	log     []TokenRequest
	issued  int
}

// AddClient registers c, replacing any client with the same ID.
func (t *Tenant) AddClient(c Client) {
	t.oauth.mu.Lock()
	defer t.oauth.mu.Unlock()
	if t.oauth.clients == nil {
		t.oauth.clients = map[string]Client{}
	}
	t.oauth.clients[c.ID] = c
}

// ScriptToken queues answers for the next token requests, one each, in
// order; once they are used up, requests are answered as usual.
func (t *Tenant) ScriptToken(answers ...TokenAnswer) {
	t.oauth.mu.Lock()
	defer t.oauth.mu.Unlock()
	t.oauth.script = append(t.oauth.script, answers...)
}

// SetTokenAnswer answers every token request that finds the script empty
// with a; nil restores normal answers.
func (t *Tenant) SetTokenAnswer(a *TokenAnswer) {
	t.oauth.mu.Lock()
	defer t.oauth.mu.Unlock()
	t.oauth.always = a
}

// TokenRequests counts the requests the token endpoint received.
func (t *Tenant) TokenRequests() int {
	t.oauth.mu.Lock()
	defer t.oauth.mu.Unlock()
	return len(t.oauth.log)
}

// TokensIssued counts the access tokens the token endpoint issued.
func (t *Tenant) TokensIssued() int {
	t.oauth.mu.Lock()
	defer t.oauth.mu.Unlock()
	return t.oauth.issued
}

// TokenRequestLog returns the token requests received, oldest first.
func (t *Tenant) TokenRequestLog() []TokenRequest {
	t.oauth.mu.Lock()
	defer t.oauth.mu.Unlock()
	return slices.Clone(t.oauth.log)
}

// next records req and returns the scripted answer for it, if any.
func (e *tokenEndpoint) next(req TokenRequest) *TokenAnswer {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = append(e.log, req)
	if len(e.script) > 0 {
		a := e.script[0]
		e.script = e.script[1:]
		return &a
	}
	return e.always
}

// authenticate returns the registered client whose credentials these
// are. The secret is compared in constant time.
func (e *tokenEndpoint) authenticate(id, secret string) (Client, bool) {
	e.mu.Lock()
	c, ok := e.clients[id]
	e.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) != 1 {
		return Client{}, false
	}
	return c, true
}

func (e *tokenEndpoint) countIssued() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.issued++
}

// grantedScopes checks a request for audience and scope against c's
// grants, with Auth0's answers. An empty scope asks for all granted.
func grantedScopes(c Client, audience, scope string) ([]string, *TokenAnswer) {
	if audience == "" {
		return nil, denied(http.StatusForbidden, "access_denied",
			"No audience parameter was provided, and no default audience has been configured")
	}
	granted, ok := c.Grants[audience]
	if !ok {
		return nil, denied(http.StatusForbidden, "access_denied", fmt.Sprintf(
			"Client is not authorized to access %q. You need to create a \"client-grant\" associated to this API.",
			audience))
	}
	if scope == "" {
		return granted, nil
	}
	asked := strings.Fields(scope)
	var missing []string
	for _, s := range asked {
		if !slices.Contains(granted, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		return nil, denied(http.StatusForbidden, "access_denied",
			"Client has not been granted scopes: "+strings.Join(missing, ", "))
	}
	return asked, nil
}

func denied(status int, code, description string) *TokenAnswer {
	return &TokenAnswer{Status: status, Error: code, Description: description}
}

func newJTI() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
