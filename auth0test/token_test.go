package auth0test_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/revup/m2mauth/auth0test"
)

// tokenPost sends a token request and decodes the answer.
func tokenPost(t *testing.T, ten *auth0test.Tenant, contentType, body string, edit func(*http.Request)) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ten.Issuer()+"oauth/token", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatalf("decoding the answer: %v", err)
	}
	return resp.StatusCode, resp.Header, answer
}

const formType = "application/x-www-form-urlencoded"

func tenantWithClient(t *testing.T, expiresIn int) *auth0test.Tenant {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{ID: "app", Secret: "s", ExpiresIn: expiresIn,
		Grants: map[string][]string{"https://api": {"read", "write"}}})
	return ten
}

func TestTokenEndpointGrants(t *testing.T) {
	ten := tenantWithClient(t, 60)
	basic := func(r *http.Request) { r.SetBasicAuth("app", "s") }
	type row struct {
		name, contentType, body string
		edit                    func(*http.Request)
		method, scope           string
	}
	for _, tc := range []row{
		{"form post", formType, "grant_type=client_credentials&client_id=app&client_secret=s&audience=https%3A%2F%2Fapi",
			nil, "client_secret_post", "read write"},
		{"json post", "application/json", `{"grant_type":"client_credentials","client_id":"app","client_secret":"s","audience":"https://api","scope":"read"}`,
			nil, "client_secret_post", "read"},
		{"form basic", formType, "grant_type=client_credentials&audience=https%3A%2F%2Fapi",
			basic, "client_secret_basic", "read write"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, h, answer := tokenPost(t, ten, tc.contentType, tc.body, tc.edit)
			if status != http.StatusOK || answer["token_type"] != "Bearer" || answer["expires_in"] != 60.0 {
				t.Fatalf("got %d %v, want 200 with a bearer token for 60 s", status, answer)
			}
			if answer["scope"] != tc.scope || h.Get("Cache-Control") != "no-store" {
				t.Fatalf("got scope %v and Cache-Control %q, want %q and no-store", answer["scope"], h.Get("Cache-Control"), tc.scope)
			}
			log := ten.TokenRequestLog()
			if got := log[len(log)-1]; got.AuthMethod != tc.method || got.ClientID != "app" {
				t.Fatalf("got %+v, want %s by app", got, tc.method)
			}
		})
	}
	if got := ten.TokensIssued(); got != 3 {
		t.Fatalf("got %d tokens issued, want 3", got)
	}
}

func TestTokenEndpointRefusals(t *testing.T) {
	ten := tenantWithClient(t, 0)
	type row struct {
		name, body string
		edit       func(*http.Request)
		status     int
		code       string
	}
	both := func(r *http.Request) { r.SetBasicAuth("app", "s") }
	ok := url.Values{"grant_type": {"client_credentials"}, "client_id": {"app"}, "client_secret": {"s"}, "audience": {"https://api"}}
	with := func(k, v string) string {
		f := url.Values{}
		for key, vs := range ok {
			f[key] = vs
		}
		f.Set(k, v)
		return f.Encode()
	}
	for _, tc := range []row{
		{"wrong secret", with("client_secret", "x"), nil, 401, "access_denied"},
		{"unknown client", with("client_id", "x"), nil, 401, "access_denied"},
		{"other grant", with("grant_type", "password"), nil, 403, "unsupported_grant_type"},
		{"no audience", with("audience", ""), nil, 403, "access_denied"},
		{"audience not granted", with("audience", "https://other"), nil, 403, "access_denied"},
		{"scope not granted", with("scope", "read admin"), nil, 403, "access_denied"},
		{"two authentication methods", ok.Encode(), both, 400, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, answer := tokenPost(t, ten, formType, tc.body, tc.edit)
			if status != tc.status || answer["error"] != tc.code || answer["error_description"] == "" {
				t.Fatalf("got %d %v, want %d %s with a description", status, answer, tc.status, tc.code)
			}
		})
	}
	if got := ten.TokensIssued(); got != 0 {
		t.Fatalf("got %d tokens issued, want 0", got)
	}
}

func TestTokenEndpointScript(t *testing.T) {
	ten := tenantWithClient(t, -1)
	body := "grant_type=client_credentials&client_id=app&client_secret=s&audience=https%3A%2F%2Fapi"
	ten.ScriptToken(auth0test.RateLimited(0, 0), auth0test.TokenAnswer{Status: 503, Error: "temporarily_unavailable"})
	status, h, _ := tokenPost(t, ten, formType, body, nil)
	if status != 429 || h.Get("X-RateLimit-Remaining") != "0" || h.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("got %d %v, want 429 with rate-limit headers", status, h)
	}
	if status, _, _ := tokenPost(t, ten, formType, body, nil); status != 503 {
		t.Fatalf("got %d, want 503", status)
	}
	status, _, answer := tokenPost(t, ten, formType, body, nil)
	if _, has := answer["expires_in"]; status != 200 || has {
		t.Fatalf("got %d %v, want 200 without expires_in", status, answer)
	}
	ten.SetTokenAnswer(&auth0test.TokenAnswer{Status: 500})
	for range 2 {
		if status, _, _ := tokenPost(t, ten, formType, body, nil); status != 500 {
			t.Fatalf("got %d, want 500 while the answer is set", status)
		}
	}
	if got := ten.TokenRequests(); got != 5 {
		t.Fatalf("got %d token requests, want 5", got)
	}
}
