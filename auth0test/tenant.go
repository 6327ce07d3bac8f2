package auth0test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tenant is an Auth0-compatible tenant listening on a loopback address.
// Its methods are safe for concurrent use.
type Tenant struct {
	server *httptest.Server
	mux    *http.ServeMux

	mu       sync.Mutex
	keys     []*Key // keys[0] signs new tokens
	extra    []map[string]any
	outage   bool
	override http.Handler

	jwksRequests atomic.Int64
	oauth        tokenEndpoint
}

// NewTenant starts a tenant on 127.0.0.1 with one signing key. Like
// httptest.NewServer it panics if it cannot listen. Call Close when done.
func NewTenant() *Tenant {
	t := &Tenant{mux: http.NewServeMux()}
	t.mux.HandleFunc("GET /.well-known/jwks.json", t.serveJWKS)
	t.mux.HandleFunc("GET /.well-known/openid-configuration", t.serveDiscovery)
	t.mux.HandleFunc("POST /oauth/token", t.serveToken)
	t.server = httptest.NewServer(t.mux)
	t.keys = []*Key{newKey(t.server.Listener.Addr().String())}
	return t
}

// Close shuts the tenant down and blocks until its requests are done.
func (t *Tenant) Close() { t.server.Close() }

// Domain is what a service configures as its Auth0 domain:
// "http://127.0.0.1:PORT". Plain http is accepted for loopback hosts only.
func (t *Tenant) Domain() string { return t.server.URL }

// Issuer is the tenant's issuer, Domain with a trailing slash.
func (t *Tenant) Issuer() string { return t.server.URL + "/" }

// JWKSURL is where the tenant publishes its keys.
func (t *Tenant) JWKSURL() string { return t.Issuer() + ".well-known/jwks.json" }

// Handle adds a route to the tenant's server, for endpoints a test needs
// beyond those the tenant serves.
func (t *Tenant) Handle(pattern string, h http.Handler) { t.mux.Handle(pattern, h) }

// SigningKey returns the key that signs new tokens.
func (t *Tenant) SigningKey() *Key {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.keys[0]
}

// Keys returns the published keys, the signing key first.
func (t *Tenant) Keys() []*Key {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.keys)
}

// RotateKey makes a new key the signing key and returns it. The previous
// keys stay published, as Auth0 keeps them until they are revoked.
func (t *Tenant) RotateKey() *Key {
	k := newKey(t.server.Listener.Addr().String())
	t.mu.Lock()
	defer t.mu.Unlock()
	t.keys = append([]*Key{k}, t.keys...)
	return k
}

// RevokeKey stops publishing the key with the given id. Revoking the
// signing key makes the next published key the signing key; the last key
// cannot be revoked.
func (t *Tenant) RevokeKey(kid string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := slices.IndexFunc(t.keys, func(k *Key) bool { return k.ID == kid })
	if i < 0 || len(t.keys) == 1 {
		return false
	}
	t.keys = slices.Delete(t.keys, i, i+1)
	return true
}

// AddJWK publishes an extra entry in the key set as it is, such as a key
// of another type, to test how a validator treats it.
func (t *Tenant) AddJWK(entry map[string]any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.extra = append(t.extra, entry)
}

// SetJWKSOutage makes the key set endpoint answer 503 while down is true.
func (t *Tenant) SetJWKSOutage(down bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.outage = down
}

// SetJWKSHandler answers key set requests with h instead, to inject
// faults such as slow or truncated answers; nil restores the key set.
func (t *Tenant) SetJWKSHandler(h http.Handler) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.override = h
}

// JWKSRequests counts the key set requests the tenant has received.
func (t *Tenant) JWKSRequests() int { return int(t.jwksRequests.Load()) }

func (t *Tenant) serveJWKS(w http.ResponseWriter, r *http.Request) {
	t.jwksRequests.Add(1)
	t.mu.Lock()
	override, outage := t.override, t.outage
	entries := make([]map[string]any, 0, len(t.keys)+len(t.extra))
	for _, k := range t.keys {
		entries = append(entries, k.JWK())
	}
	entries = append(entries, t.extra...)
	t.mu.Unlock()

	switch {
	case override != nil:
		override.ServeHTTP(w, r)
	case outage:
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
	default:
		writeJSON(w, http.StatusOK, map[string]any{"keys": entries})
	}
}

func (t *Tenant) serveDiscovery(w http.ResponseWriter, r *http.Request) {
	iss := t.Issuer()
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                iss,
		"jwks_uri":                              t.JWKSURL(),
		"token_endpoint":                        iss + "oauth/token",
		"grant_types_supported":                 []string{"client_credentials"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Claims are the claims of a token to mint.
type Claims map[string]any

// DefaultLifetime is the life of a minted token, Auth0's default.
const DefaultLifetime = 24 * time.Hour

// M2MClaims returns the claims Auth0 puts in a client-credentials access
// token for clientID and audience, issued now for DefaultLifetime.
func (t *Tenant) M2MClaims(clientID, audience string, scopes ...string) Claims {
	now := time.Now()
	c := Claims{
		"iss": t.Issuer(),
		"sub": clientID + "@clients",
		"aud": audience,
		"iat": now.Unix(),
		"exp": now.Add(DefaultLifetime).Unix(),
		"azp": clientID,
		"gty": "client-credentials",
	}
	if len(scopes) > 0 {
		c["scope"] = joinScopes(scopes)
	}
	return c
}

func joinScopes(scopes []string) string {
	s := ""
	for i, sc := range scopes {
		if i > 0 {
			s += " "
		}
		s += sc
	}
	return s
}

// Token mints an M2M access token for the client "test-client" with the
// given audience and scopes, signed with the signing key.
func (t *Tenant) Token(audience string, scopes ...string) string {
	return t.Sign(t.M2MClaims("test-client", audience, scopes...))
}

// Sign signs claims with the signing key, with the header Auth0 uses:
// alg RS256, typ JWT and the key's kid.
func (t *Tenant) Sign(claims Claims) string {
	return t.SignWithKey(t.SigningKey(), claims)
}

// SignWithKey signs claims with k, which need not be published.
func (t *Tenant) SignWithKey(k *Key, claims Claims) string {
	return SignRS256(k, nil, claims)
}

// NewUnpublishedKey returns a key the tenant does not publish, to sign
// tokens that must fail.
func (t *Tenant) NewUnpublishedKey() *Key {
	return newKey(t.server.Listener.Addr().String())
}

// SignRS256 signs claims with k under RS256, adding header fields to the
// default header (typ JWT and k's kid). A nil value in header removes
// that field.
func SignRS256(k *Key, header map[string]any, claims Claims) string {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims(claims))
	tok.Header["kid"] = k.ID
	for name, v := range header {
		if v == nil {
			delete(tok.Header, name)
			continue
		}
		tok.Header[name] = v
	}
	s, err := tok.SignedString(k.Private)
	if err != nil {
		panic("auth0test: signing a token: " + err.Error())
	}
	return s
}
