package outbound_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/outbound"
)

type method func(*outbound.Client, context.Context, string, ...outbound.Option) (*http.Response, error)

func TestClientMethods(t *testing.T) {
	ten, a, c := setup(t)
	type row struct {
		name   string
		call   method
		opts   []outbound.Option
		want   echo
		suffix string
	}
	for _, tc := range []row{
		{"get with query", (*outbound.Client).Get,
			[]outbound.Option{outbound.Query(url.Values{"page": {"2"}})},
			echo{Method: "GET", Query: "page=2&sort=asc"}, "?sort=asc"},
		{"post json", (*outbound.Client).Post,
			[]outbound.Option{outbound.JSON(map[string]int{"qty": 3})},
			echo{Method: "POST", ContentType: "application/json", Body: `{"qty":3}`}, ""},
		{"put form", (*outbound.Client).Put,
			[]outbound.Option{outbound.Form(url.Values{"name": {"a b"}})},
			echo{Method: "PUT", ContentType: "application/x-www-form-urlencoded", Body: "name=a+b"}, ""},
		{"patch raw body and header", (*outbound.Client).Patch,
			[]outbound.Option{
				outbound.Body(strings.NewReader(`[{"op":"remove"}]`), "application/json-patch+json"),
				outbound.Header("X-Custom", "yes"),
			},
			echo{Method: "PATCH", ContentType: "application/json-patch+json", Body: `[{"op":"remove"}]`, Custom: "yes"}, ""},
		{"delete", (*outbound.Client).Delete, nil, echo{Method: "DELETE"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := decode(t)(tc.call(c, bg, a.URL+"/orders"+tc.suffix, tc.opts...))
			tc.want.ClientID, tc.want.Audience = clientID, audience
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	if n := ten.TokenRequests(); n != 1 {
		t.Fatalf("got %d token requests for 5 calls, want 1", n)
	}
}

func TestClientHeaderCannotReplaceToken(t *testing.T) {
	_, a, c := setup(t)
	decode(t)(c.Get(bg, a.URL, outbound.Header("Authorization", "Bearer forged")))
}

func TestClientNon2xxIsHTTPError(t *testing.T) {
	type row struct {
		name     string
		body     string
		limit    int
		wantHead string
	}
	long := strings.Repeat("x", 100)
	for _, tc := range []row{
		{"short body", "no such order", 0, "no such order"},
		{"body past the limit", long, 10, long[:10]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ten, _, _ := setup(t)
			srv := newStatusServer(t, http.StatusNotFound, tc.body)
			cfg := config(t, ten)
			cfg.MaxErrorBody = tc.limit
			c := newClient(t, cfg)
			resp, err := c.Get(bg, srv.URL)
			var he *m2mauth.HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("got %v, want an *m2mauth.HTTPError", err)
			}
			if he.StatusCode != 404 || string(he.Body) != tc.wantHead || he.Response != resp {
				t.Fatalf("got status %d body %q, want 404 %q and the response", he.StatusCode, he.Body, tc.wantHead)
			}
			all, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(all) != tc.body {
				t.Fatalf("got body %q, want %q", all, tc.body)
			}
		})
	}
}

// newStatusServer answers every request with status and body, whoever
// asks.
func newStatusServer(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestClientPerCallCredentials(t *testing.T) {
	ten, a, c := setup(t)
	ten.AddClient(auth0test.Client{ID: "reports-job", Secret: "other-" + secret,
		Grants: map[string][]string{audience: {"read"}}})
	for range 3 {
		got := decode(t)(c.Get(bg, a.URL, outbound.Credentials("reports-job", "other-"+secret)))
		if got.ClientID != "reports-job" {
			t.Fatalf("got client %q, want reports-job", got.ClientID)
		}
		got = decode(t)(c.Get(bg, a.URL, outbound.Audience(other)))
		if got.ClientID != clientID || got.Audience != other {
			t.Fatalf("got %q for %q, want %q for %q", got.ClientID, got.Audience, clientID, other)
		}
	}
	decode(t)(c.Get(bg, a.URL))
	decode(t)(c.Get(bg, a.URL, outbound.Audience(audience)))
	if n := ten.TokenRequests(); n != 3 {
		t.Fatalf("got %d token requests, want 3: one per client and audience", n)
	}
}

func TestClientCredentialsFromCallsOnly(t *testing.T) {
	ten, a, _ := setup(t)
	cfg := config(t, ten)
	cfg.Token.ClientID, cfg.Token.ClientSecret, cfg.Token.Audience = "", "", ""
	c := newClient(t, cfg)
	type row struct {
		name string
		opts []outbound.Option
		want error
	}
	for _, tc := range []row{
		{"nothing", nil, m2mauth.ErrMissingClientID},
		{"no audience", []outbound.Option{outbound.Credentials(clientID, secret)}, m2mauth.ErrMissingAudience},
		{"no secret", []outbound.Option{outbound.Credentials(clientID, ""), outbound.Audience(audience)}, m2mauth.ErrMissingClientSecret},
	} {
		if _, err := c.Get(bg, a.URL, tc.opts...); !errors.Is(err, tc.want) {
			t.Fatalf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	if n := ten.TokenRequests(); n != 0 {
		t.Fatalf("got %d token requests, want 0", n)
	}
	decode(t)(c.Get(bg, a.URL, outbound.Credentials(clientID, secret), outbound.Audience(audience)))
}

func TestNewRefusesPartialDefaults(t *testing.T) {
	ten := auth0test.NewTenant()
	defer ten.Close()
	cfg := config(t, ten)
	cfg.Token.ClientSecret = ""
	if _, err := outbound.New(cfg); !errors.Is(err, m2mauth.ErrMissingClientSecret) {
		t.Fatalf("got %v, want ErrMissingClientSecret", err)
	}
	cfg.Token.Domain = ""
	if _, err := outbound.New(cfg); !errors.Is(err, m2mauth.ErrMissingDomain) {
		t.Fatalf("got %v, want ErrMissingDomain", err)
	}
}

func TestFromEnv(t *testing.T) {
	ten, a, _ := setup(t)
	env := map[string]string{
		outbound.EnvDomain:       ten.Domain(),
		outbound.EnvClientID:     clientID,
		outbound.EnvClientSecret: secret,
		outbound.EnvAudience:     audience,
	}
	missing := map[string]error{
		outbound.EnvDomain:       m2mauth.ErrMissingDomain,
		outbound.EnvClientID:     m2mauth.ErrMissingClientID,
		outbound.EnvClientSecret: m2mauth.ErrMissingClientSecret,
		outbound.EnvAudience:     m2mauth.ErrMissingAudience,
	}
	for unset, want := range missing {
		for name, v := range env {
			t.Setenv(name, v)
		}
		t.Setenv(unset, "")
		_, err := outbound.FromEnv()
		if !errors.Is(err, want) || !strings.Contains(err.Error(), unset+" is not set") {
			t.Fatalf("without %s: got %v, want %v naming it", unset, err, want)
		}
	}
	for name, v := range env {
		t.Setenv(name, v)
	}
	c, err := outbound.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	decode(t)(c.Get(bg, a.URL))
}

func TestClientRateLimitError(t *testing.T) {
	ten, a, _ := setup(t)
	limited := auth0test.RateLimited(0, 0)
	ten.SetTokenAnswer(&limited)
	cfg := config(t, ten)
	cfg.Token.MaxAttempts = 2
	cfg.Token.RetryBackoff = 1
	c := newClient(t, cfg)
	_, err := c.Get(bg, a.URL)
	var rle *m2mauth.RateLimitError
	if !errors.As(err, &rle) || !errors.Is(err, m2mauth.ErrRateLimited) || rle.Attempts != 2 {
		t.Fatalf("got %v, want a *RateLimitError after 2 attempts", err)
	}
	if n := len(a.tokens()); n != 0 {
		t.Fatalf("the API got %d requests, want 0", n)
	}
}

func TestClientRefusedTokenError(t *testing.T) {
	ten, a, _ := setup(t)
	cfg := config(t, ten)
	cfg.Token.ClientSecret = "wrong"
	c := newClient(t, cfg)
	_, err := c.Post(bg, a.URL, outbound.JSON(1))
	var te *m2mauth.TokenError
	if !errors.As(err, &te) || !errors.Is(err, m2mauth.ErrAuthentication) || te.StatusCode != 401 {
		t.Fatalf("got %v, want a *TokenError with status 401", err)
	}
}

func TestClientJSONEncodingError(t *testing.T) {
	_, a, c := setup(t)
	if _, err := c.Post(bg, a.URL, outbound.JSON(func() {})); err == nil {
		t.Fatal("got no error for a body that cannot be encoded")
	}
}

func TestClientSecretNeverPrinted(t *testing.T) {
	ten, a, c := setup(t)
	cfg := config(t, ten)
	opt := outbound.Credentials(clientID, secret)
	decode(t)(c.Get(bg, a.URL))
	var buf bytes.Buffer
	for _, v := range []any{c, cfg, &cfg, opt, c.Transport(), c.HTTPClient(), c.TokenSource()} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d"} {
			buf.Reset()
			fmt.Fprintf(&buf, verb, v)
			assertClean(t, verb, buf.String())
		}
	}
	tok, err := c.TokenSource().Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	a.refuse(tok.AccessToken)
	_, err = c.Get(bg, a.URL, outbound.Body(io.MultiReader(strings.NewReader("x")), "text/plain"))
	assertClean(t, "error", fmt.Sprintf("%v %+v %#v", err, err, err))
	var he *m2mauth.HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusUnauthorized {
		t.Fatalf("got %v, want the 401 as an *HTTPError", err)
	}
}
