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
// table, then against a tenant whose key set is down.
func Run(t *testing.T, start Start) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	base := start(t, NewValidator(t, ten))
	k := tokens{ten: ten}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			check(t, base, k, r)
		})
	}
	t.Run("key set outage with no key held", func(t *testing.T) {
		down := auth0test.NewTenant()
		t.Cleanup(down.Close)
		down.SetJWKSOutage(true)
		base := start(t, NewValidator(t, down))
		r := row{path: PrivatePath, auth: bearer(tokens.valid), want: keysUnavailable}
		check(t, base, tokens{ten: down}, r)
	})
}

// NewValidator returns a Validator for ten and Audience that logs
// nothing, closed through t.Cleanup.
func NewValidator(t testing.TB, ten *auth0test.Tenant) *core.Validator {
	t.Helper()
	v, err := core.New(core.Config{
		Domain:   ten.Domain(),
		Audience: []string{Audience},
		Logger:   slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func check(t *testing.T, base string, k tokens, r row) {
	t.Helper()
	req := newRequest(t, base, k, r)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", r.path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	if resp.StatusCode != r.want.status {
		t.Fatalf("status: got %d, want %d (body %q)", resp.StatusCode, r.want.status, body)
	}
	checkChallenge(t, resp.Header, r.want.challenge)
	switch {
	case r.want.body != "":
		checkErrorBody(t, resp.Header, body, r.want.body)
	case r.want.identity != nil:
		checkIdentity(t, body, *r.want.identity)
	}
	for _, v := range req.Header.Values("Authorization") {
		_, tok, _ := strings.Cut(v, " ")
		if len(tok) > 20 && bytes.Contains(body, []byte(tok)) {
			t.Errorf("the answer repeats the token: %q", body)
		}
	}
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
