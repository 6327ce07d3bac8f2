package hygiene_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
)

const (
	clientID = "hygiene-client"
	secret   = "s3cr3t-HYGIENE-a8f31c7e90d2b645"
	// second is another registered client, tried with wrongSecret:
	// tokens are cached by client id, so trying the first client with a
	// wrong secret would be answered from the cache.
	second       = "hygiene-second"
	secondSecret = "s3cr3t-HYGIENE-SECOND-0c4f82e1d9b7"
	wrongSecret  = "s3cr3t-HYGIENE-WRONG-5e1b7d03c9aa"
	// audience is granted; limited too, but its token requests are
	// answered 429; denied is not granted.
	audience = "https://hygiene.api.example"
	limited  = "https://limited.api.example"
	denied   = "https://denied.api.example"
)

// TestClientLeaksNothing takes an outbound Client through a token the
// API refuses and a refetch, a rate limit, two refused grants and an
// API error, logging at Debug level, and checks that no log record, no
// error, no answer and no value printed holds the client secret, a
// wrong secret tried, or any token issued.
func TestClientLeaksNothing(t *testing.T) {
	out := newOutputs()
	out.secret("the client secret", secret)
	out.secret("the second client's secret", secondSecret)
	out.secret("the wrong secret", wrongSecret)
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{ID: clientID, Secret: secret, Grants: map[string][]string{
		audience: {"read:messages"}, limited: nil,
	}})
	ten.AddClient(auth0test.Client{ID: second, Secret: secondSecret, Grants: map[string][]string{
		audience: nil,
	}})
	api := newAPI(t, ten, out)
	cfg := outbound.Config{Token: core.TokenConfig{
		Domain:       ten.Domain(),
		ClientID:     clientID,
		ClientSecret: secret,
		Audience:     audience,
		Logger:       out.logger(),
		MaxAttempts:  2,
		RetryBackoff: time.Millisecond,
	}}
	c, err := outbound.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := context.Background()

	t.Run("refused token is replaced", func(t *testing.T) {
		body := call(t, out, c, api.URL+"/hello", http.StatusOK)
		if body != `{"client_id":"hygiene-client"}` {
			t.Errorf("body: got %q", body)
		}
		if n := ten.TokensIssued(); n != 2 {
			t.Errorf("tokens issued: got %d, want 2: the refused one and its replacement", n)
		}
	})
	t.Run("rate limited", func(t *testing.T) {
		ten.ScriptToken(auth0test.RateLimited(0, 0), auth0test.RateLimited(0, 0))
		err := fail(t, out, c, api.URL, outbound.Audience(limited))
		var rl *m2mauth.RateLimitError
		if !errors.As(err, &rl) || rl.Attempts != 2 {
			t.Errorf("got %v, want a *RateLimitError after 2 attempts", err)
		}
	})
	t.Run("audience not granted", func(t *testing.T) {
		err := fail(t, out, c, api.URL, outbound.Audience(denied))
		var te *m2mauth.TokenError
		if !errors.As(err, &te) || te.StatusCode != http.StatusForbidden {
			t.Errorf("got %v, want a *TokenError with status 403", err)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		err := fail(t, out, c, api.URL, outbound.Credentials(second, wrongSecret))
		var te *m2mauth.TokenError
		if !errors.As(err, &te) || te.StatusCode != http.StatusUnauthorized {
			t.Errorf("got %v, want a *TokenError with status 401", err)
		}
	})
	t.Run("API error", func(t *testing.T) {
		call(t, out, c, api.URL+"/missing", http.StatusNotFound)
	})

	ts := c.TokenSource()
	tok, err := ts.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o2, err := ts.OAuth2().Token()
	if err != nil {
		t.Fatal(err)
	}
	out.credential(tok.AccessToken)
	for what, v := range map[string]any{
		"outbound config": cfg, "outbound config pointer": &cfg,
		"token config": cfg.Token, "client": c, "transport": c.Transport(),
		"http client": c.HTTPClient(), "token source": ts,
		"oauth2 source": ts.OAuth2(), "token": tok, "token pointer": &tok,
		"api validator": api.v,
	} {
		out.print(what, v)
	}
	if o2.AccessToken != tok.AccessToken {
		t.Error("Token and OAuth2().Token handed out different tokens")
	}
	api.secrets(out)
	out.check(t)
	if n := out.count("error"); n < 4 {
		t.Errorf("%d errors printed, want at least 4", n)
	}
	if out.logRecords() < 3 {
		t.Errorf("%d log records, want at least 3: tokens obtained, a retry, failures", out.logRecords())
	}
}

// call makes a GET that must answer status, and returns its body. An
// answer outside 2xx comes with an *m2mauth.HTTPError, which is printed.
func call(t *testing.T, out *outputs, c *outbound.Client, url string, status int) string {
	t.Helper()
	resp, err := c.Get(context.Background(), url)
	if resp == nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if err != nil {
		out.print("error", err)
		var he *m2mauth.HTTPError
		if errors.As(err, &he) {
			out.print("error", *he)
			out.add("response body", string(he.Body))
		}
	}
	body, _ := io.ReadAll(resp.Body)
	out.add("response body", string(body))
	out.print("response header", resp.Header)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: got %d, want %d (%v)", url, resp.StatusCode, status, err)
	}
	return string(body)
}

// fail makes a GET that must fail before reaching the API, and returns
// its error, printed.
func fail(t *testing.T, out *outputs, c *outbound.Client, url string, opts ...outbound.Option) error {
	t.Helper()
	resp, err := c.Get(context.Background(), url, opts...)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("GET %s: got %d, want an error", url, resp.StatusCode)
	}
	out.print("error", err)
	for u := err; u != nil; u = errors.Unwrap(u) {
		out.print("error", u)
	}
	return err
}

// api is a protected API on loopback that validates tokens with the
// inbound validator, refuses with 401 the first token it sees, as an
// API that learned it was revoked, and answers /missing with 404.
type api struct {
	*httptest.Server
	v    *core.Validator
	mu   sync.Mutex
	seen []string
}

func newAPI(t *testing.T, ten *auth0test.Tenant, out *outputs) *api {
	t.Helper()
	v, err := core.New(core.Config{
		Domain:   ten.Domain(),
		Audience: []string{audience},
		Logger:   out.logger(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	a := &api{v: v}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.serve(w, r, out)
	}))
	t.Cleanup(a.Close)
	return a
}

func (a *api) serve(w http.ResponseWriter, r *http.Request, out *outputs) {
	header := r.Header.Get("Authorization")
	a.mu.Lock()
	a.seen = append(a.seen, header)
	first := len(a.seen) == 1
	a.mu.Unlock()
	claims, err := a.v.ValidateAuthorization(r.Context(), header)
	if err != nil {
		out.print("error", err)
		resp := core.ResponseFor(err)
		w.Header().Set("WWW-Authenticate", resp.Challenge)
		w.WriteHeader(resp.Status)
		w.Write(resp.JSON())
		return
	}
	out.print("claims", claims)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case first:
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":"invalid_token"}`))
	case r.URL.Path == "/missing":
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"error":"not_found"}`))
	default:
		w.Write([]byte(`{"client_id":"` + claims.ClientID + `"}`))
	}
}

// secrets adds every token the API was sent to out's secrets.
func (a *api) secrets(out *outputs) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, h := range a.seen {
		out.credential(h)
	}
}
