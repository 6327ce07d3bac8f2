package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/outbound"
)

const (
	embeddedAudience = "https://quickstart.m2mauth.example"
	embeddedClient   = "quickstart-client"
	// The embedded tenant's client secret: it guards nothing but a
	// loopback tenant that lives as long as this program.
	embeddedSecret = "quickstart-secret-for-the-embedded-tenant-only"
	grantedScope   = "read:messages"
	// missingScope is never granted, here or on a real tenant, so that the
	// under-scoped call is refused.
	missingScope = "m2mauth:quickstart-never-granted"
)

// tenant is where tokens come from: the embedded one, or the user's.
type tenant struct {
	kind                   string
	domain, audience       string
	clientID, clientSecret string
	issued                 func() int
	close                  func()
}

func newTenant(getenv func(string) string) (*tenant, error) {
	if d := getenv(outbound.EnvDomain); d != "" {
		t := &tenant{
			kind:         "from AUTH0_DOMAIN",
			domain:       d,
			audience:     getenv(outbound.EnvAudience),
			clientID:     getenv(outbound.EnvClientID),
			clientSecret: getenv(outbound.EnvClientSecret),
			close:        func() {},
		}
		for name, v := range map[string]string{
			outbound.EnvAudience: t.audience, outbound.EnvClientID: t.clientID,
			outbound.EnvClientSecret: t.clientSecret,
		} {
			if v == "" {
				return nil, fmt.Errorf("%s is set but %s is not", outbound.EnvDomain, name)
			}
		}
		return t, nil
	}
	at := auth0test.NewTenant()
	at.AddClient(auth0test.Client{
		ID:     embeddedClient,
		Secret: embeddedSecret,
		Grants: map[string][]string{embeddedAudience: {grantedScope}},
	})
	return &tenant{
		kind:         "embedded; set AUTH0_* to use your own",
		domain:       at.Domain(),
		audience:     embeddedAudience,
		clientID:     embeddedClient,
		clientSecret: embeddedSecret,
		issued:       at.TokensIssued,
		close:        at.Close,
	}, nil
}

type api struct {
	url   string
	close func()
}

// startAPI serves the protected API on a loopback port.
func startAPI(domain, audience string) (*api, error) {
	v, err := core.New(core.Config{Domain: domain, Audience: []string{audience}, Logger: quiet()})
	if err != nil {
		return nil, err
	}
	auth := m2mhttp.New(v)
	mux := http.NewServeMux()
	mux.Handle("GET /api/private", auth(http.HandlerFunc(whoami)))
	mux.Handle("GET /api/private-scoped", auth(m2mhttp.RequireScopes(grantedScope)(http.HandlerFunc(whoami))))
	mux.Handle("GET /api/admin", auth(m2mhttp.RequireScopes(missingScope)(http.HandlerFunc(whoami))))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		v.Close()
		return nil, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return &api{
		url: "http://" + ln.Addr().String(),
		close: func() {
			srv.Shutdown(context.Background())
			v.Close()
		},
	}, nil
}

func whoami(w http.ResponseWriter, r *http.Request) {
	c, _ := m2mhttp.ClaimsFrom(r.Context())
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"client_id": c.ClientID, "scopes": c.Scopes})
}

func newClient(t *tenant) (*outbound.Client, error) {
	return outbound.New(outbound.Config{Token: core.TokenConfig{
		Domain:       t.domain,
		ClientID:     t.clientID,
		ClientSecret: t.clientSecret,
		Audience:     t.audience,
		Logger:       quiet(),
	}})
}

// quiet drops background log records, which would interleave with the
// steps printed.
func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// answer is what one call got, summed up on one line.
type answer struct {
	status  int
	summary string
}

type step struct {
	name string
	path string
	want int
	call func(ctx context.Context, c *outbound.Client, url string) answer
}

var steps = []step{
	{"no token", "/api/private", http.StatusUnauthorized, withoutToken},
	{"M2M token", "/api/private", http.StatusOK, withToken},
	{"token with the scope", "/api/private-scoped", http.StatusOK, withToken},
	{"token lacking a scope", "/api/admin", http.StatusForbidden, withToken},
}

func withoutToken(ctx context.Context, _ *outbound.Client, url string) answer {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return answer{summary: err.Error()}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{summary: err.Error()}
	}
	defer resp.Body.Close()
	return answer{resp.StatusCode, resp.Status + "  WWW-Authenticate: " + resp.Header.Get("WWW-Authenticate")}
}

func withToken(ctx context.Context, c *outbound.Client, url string) answer {
	resp, err := c.Get(ctx, url)
	var he *m2mauth.HTTPError
	switch {
	case errors.As(err, &he):
		resp.Body.Close()
		return answer{he.StatusCode, he.Status + "  " + he.Header.Get("WWW-Authenticate")}
	case err != nil:
		return answer{summary: err.Error()}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	return answer{resp.StatusCode, resp.Status + "  " + strings.TrimSpace(string(body))}
}
