package core_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth"
)

// tokenServer stands in for a tenant whose token endpoint answers with
// status and body, to reach answers auth0test never gives.
func tokenServer(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTokenSourceRefusesBadAnswers(t *testing.T) {
	type row struct {
		name, body string
		want       string
	}
	for _, tc := range []row{
		{"not json", `<html>`, "invalid token answer"},
		{"no access token", `{"token_type":"Bearer"}`, "no access_token"},
		{"not bearer", `{"access_token":"t","token_type":"DPoP"}`, "not bearer"},
		{"duplicate member", `{"access_token":"t","access_token":"u"}`, "invalid token answer"},
		{"too large", `{"access_token":"` + strings.Repeat("a", 70<<10) + `"}`, "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := tokenServer(t, http.StatusOK, tc.body)
			ts := newTokenSource(t, tokenConfig(t, srv.URL))
			_, err := ts.Token(context.Background())
			var te *m2mauth.TokenError
			if !errors.As(err, &te) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a *TokenError saying %q", err, tc.want)
			}
		})
	}
}

func TestTokenSourceReadsExpiresInAsString(t *testing.T) {
	srv := tokenServer(t, http.StatusOK, `{"access_token":"t","expires_in":"60"}`)
	ts := newTokenSource(t, tokenConfig(t, srv.URL))
	tok := mustToken(t, ts)
	if got := tok.Expiry.Sub(tok.Obtained); got != time.Minute {
		t.Fatalf("got a life of %v, want 1m", got)
	}
}

// The token endpoint cannot send the secret on to another host.
func TestTokenSourceRefusesRedirects(t *testing.T) {
	var stolen atomic.Int64
	thief := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		stolen.Add(1)
	}))
	defer thief.Close()
	srv := httptest.NewServer(http.RedirectHandler(thief.URL+"/oauth/token", http.StatusTemporaryRedirect))
	defer srv.Close()
	cfg := tokenConfig(t, srv.URL)
	cfg.HTTPClient = &http.Client{} // a client that would follow redirects
	ts := newTokenSource(t, cfg)
	if _, err := ts.Token(context.Background()); err == nil {
		t.Fatal("got a token through a redirect")
	}
	if n := stolen.Load(); n != 0 {
		t.Fatalf("the redirect target got %d requests, want 0", n)
	}
}

func TestTokenSourceKeepsAuth0ErrorText(t *testing.T) {
	srv := tokenServer(t, http.StatusBadRequest,
		`{"error":"invalid_request","error_description":"bad\nthing `+strings.Repeat("x", 400)+`"}`)
	ts := newTokenSource(t, tokenConfig(t, srv.URL))
	_, err := ts.Token(context.Background())
	var te *m2mauth.TokenError
	if !errors.As(err, &te) || te.Code != "invalid_request" {
		t.Fatalf("got %v, want invalid_request", err)
	}
	if strings.Contains(te.Description, "\n") || len(te.Description) > 300 {
		t.Fatalf("got description %q, want it clipped and on one line", te.Description)
	}
}
