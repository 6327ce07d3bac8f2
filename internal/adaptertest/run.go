package adaptertest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// Run checks the adapter that start serves against every row of the
// table, then against the attack table of internal/attacks, then against
// a tenant whose key set is down. Every answer is also checked not to
// repeat any token the request carried.
func Run(t *testing.T, start Start, opts ...Option) {
	t.Helper()
	o := newOptions(opts)
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	base := start(t, newValidator(t, ten, o.logger))
	k := tokens{ten: ten}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			check(t, o, base, k, r)
		})
	}
	t.Run("attack table", func(t *testing.T) {
		runAttacks(t, o, base, ten)
	})
	t.Run("key set outage with no key held", func(t *testing.T) {
		down := auth0test.NewTenant()
		t.Cleanup(down.Close)
		down.SetJWKSOutage(true)
		base := start(t, newValidator(t, down, o.logger))
		r := row{path: PrivatePath, auth: bearer(tokens.valid), want: keysUnavailable}
		check(t, o, base, tokens{ten: down}, r)
	})
}

// NewValidator returns a Validator for ten and Audience that logs
// nothing, closed through t.Cleanup.
func NewValidator(t testing.TB, ten *auth0test.Tenant) *core.Validator {
	t.Helper()
	return newValidator(t, ten, slog.New(slog.DiscardHandler))
}

func newValidator(t testing.TB, ten *auth0test.Tenant, logger *slog.Logger) *core.Validator {
	t.Helper()
	v, err := core.New(core.Config{
		Domain:   ten.Domain(),
		Audience: []string{Audience},
		Logger:   logger,
	})
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func check(t *testing.T, o *options, base string, k tokens, r row) {
	t.Helper()
	req := newRequest(t, base, k, r)
	got := send(t, req)
	sent := credentials(req)
	o.seen(sent, got)
	expect(t, got, r.want)
	checkNoToken(t, sent, got)
}

// send makes req with the default client and reads the answer whole.
func send(t *testing.T, req *http.Request) Response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// credentials returns every credential req carries: its Authorization
// lines, and a token it put in the query string or a cookie.
func credentials(req *http.Request) []string {
	sent := req.Header.Values("Authorization")
	if tok := req.URL.Query().Get("access_token"); tok != "" {
		sent = append(sent, tok)
	}
	if c, err := req.Cookie("access_token"); err == nil {
		sent = append(sent, c.Value)
	}
	return sent
}

func expect(t *testing.T, got Response, want answer) {
	t.Helper()
	if got.Status != want.status {
		t.Fatalf("status: got %d, want %d (body %q)", got.Status, want.status, got.Body)
	}
	checkChallenge(t, got.Header, want.challenge)
	switch {
	case want.body != "":
		checkErrorBody(t, got.Header, []byte(got.Body), want.body)
	case want.identity != nil:
		checkIdentity(t, []byte(got.Body), *want.identity)
	}
}

// checkNoToken fails if the answer's body or headers hold a token that
// was sent, or its signature segment: either would let whoever reads
// responses, or logs of them, replay the token.
func checkNoToken(t *testing.T, sent []string, got Response) {
	t.Helper()
	for _, v := range sent {
		for _, secret := range Secrets(v) {
			if strings.Contains(got.Body, secret) {
				t.Errorf("the body repeats a token: %q", got.Body)
			}
			for name, values := range got.Header {
				if strings.Contains(strings.Join(values, "\n"), secret) {
					t.Errorf("header %s repeats a token: %q", name, values)
				}
			}
		}
	}
}

// Secrets returns what no output may show of a credential sent: the
// token, with its scheme taken off, and its signature segment, each only
// when longer than 20 bytes, as shorter strings occur by chance.
func Secrets(credential string) []string {
	tok := credential
	if _, after, ok := strings.Cut(credential, " "); ok {
		tok = strings.TrimLeft(after, " ")
	}
	var out []string
	if len(tok) > 20 {
		out = append(out, tok)
	}
	if i := strings.LastIndexByte(tok, '.'); i >= 0 && len(tok)-i-1 > 20 {
		out = append(out, tok[i+1:])
	}
	return out
}

func newRequest(t *testing.T, base string, k tokens, r row) *http.Request {
	t.Helper()
	// The deadline keeps a hung adapter from hanging the suite; it is
	// not a speed assertion.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	u := base + r.path
	switch r.misplaced {
	case "query":
		u += "?access_token=" + url.QueryEscape(k.valid())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatalf("building the request: %v", err)
	}
	if r.misplaced == "cookie" {
		req.AddCookie(&http.Cookie{Name: "access_token", Value: k.valid()})
	}
	if r.auth != nil {
		req.Header["Authorization"] = r.auth(k)
	}
	return req
}

func checkChallenge(t *testing.T, h http.Header, want string) {
	t.Helper()
	got := h.Values("WWW-Authenticate")
	switch {
	case want == "" && len(got) != 0:
		t.Errorf("WWW-Authenticate: got %q, want none", got)
	case want != "" && (len(got) != 1 || got[0] != want):
		t.Errorf("WWW-Authenticate: got %q, want [%q]", got, want)
	}
}

// checkErrorBody compares the body byte for byte, but for one final
// newline, which echo's JSON encoder adds.
func checkErrorBody(t *testing.T, h http.Header, body []byte, want string) {
	t.Helper()
	if got := h.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type: got %q, want %q", got, "application/json")
	}
	if got := string(bytes.TrimSuffix(body, []byte("\n"))); got != want {
		t.Errorf("body: got %s, want %s", got, want)
	}
}

func checkIdentity(t *testing.T, body []byte, want Identity) {
	t.Helper()
	var got Identity
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("decoding %q: %v", body, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("identity: got %+v, want %+v", got, want)
	}
}
