package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Token is an access token obtained with the client-credentials grant.
// Printing it with any fmt verb shows the access token as "[redacted]".
type Token struct {
	AccessToken string
	// TokenType is "Bearer": an answer of any other type is refused.
	TokenType string
	// Scope is what Auth0 granted, space-separated.
	Scope string
	// Expiry is when the token stops being valid.
	Expiry time.Time
	// Obtained is when the token was received. With Expiry it gives the
	// token's life, from which its renewal is planned; a zero value
	// means the life is counted from when the token is first used.
	Obtained time.Time

	// header is "Bearer " + AccessToken, built once per token rather
	// than once per request.
	header string
}

// AuthorizationHeader returns the value of the Authorization header
// that carries t.
func (t Token) AuthorizationHeader() string {
	if t.header != "" {
		return t.header
	}
	return "Bearer " + t.AccessToken
}

// SetAuthHeader sets the Authorization header of r to carry t.
func (t Token) SetAuthHeader(r *http.Request) {
	r.Header.Set("Authorization", t.AuthorizationHeader())
}

// Format prints t as fmt would, with the access token replaced.
func (t Token) Format(f fmt.State, verb rune) {
	type token Token
	p := token(t)
	if p.AccessToken != "" {
		p.AccessToken = redacted
	}
	p.header = ""
	printAs(f, verb, p, "core.token", "core.Token")
}

// TokenKey names the tokens that can stand for one another: those of one
// tenant, client, audience and set of scopes.
type TokenKey struct {
	// Issuer is the tenant's issuer URL, with its trailing slash.
	Issuer   string
	ClientID string
	Audience string
	// Scope is the scopes asked for, sorted and space-separated, or
	// empty when the client asks for all it was granted.
	Scope string
	// Credential is a fingerprint of the client secret: the first 8
	// bytes of its SHA-256, in hex. It keeps a source given the wrong
	// secret from being handed a token another source obtained with
	// the right one. Auth0 generates secrets of 256 random bits, too
	// many to guess back from the fingerprint.
	Credential string
}

// String returns a readable form of k, fit as a key in a shared store.
// It holds no secret.
func (k TokenKey) String() string {
	return strings.Join([]string{k.Issuer, k.ClientID, k.Audience, k.Scope, k.Credential}, " ")
}

// credentialOf returns the fingerprint TokenKey.Credential holds for
// secret. A label separates it from any other SHA-256 of the secret.
func credentialOf(secret string) string {
	sum := sha256.Sum256([]byte("m2mauth token key\x00" + secret))
	return hex.EncodeToString(sum[:8])
}

// TokenStore keeps tokens under their key. A TokenSource reads it before
// asking Auth0 for a token, and writes every token it obtains, so a store
// shared between processes lets them share tokens, and with them Auth0's
// quota. Implementations must be safe for concurrent use. A TokenSource
// never fails a caller because of its store: a store error is logged and
// the token is fetched or kept as if the store were empty.
type TokenStore interface {
	// Load returns the token held under key, or nil and no error when
	// there is none.
	Load(ctx context.Context, key TokenKey) (*Token, error)
	// Save holds tok under key, replacing what was there.
	Save(ctx context.Context, key TokenKey, tok *Token) error
	// Delete removes the token held under key if its access token is
	// accessToken, so that a token refused by an API is not handed out
	// again while another process has already replaced it.
	Delete(ctx context.Context, key TokenKey, accessToken string) error
}

// MemoryStore is a TokenStore in this process's memory. Sources that
// share one share tokens. Its zero value is not usable; use
// NewMemoryStore.
type MemoryStore struct {
	mu     sync.Mutex
	tokens map[TokenKey]Token
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{tokens: make(map[TokenKey]Token)}
}

// Load implements TokenStore.
func (m *MemoryStore) Load(_ context.Context, key TokenKey) (*Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	tok, ok := m.tokens[key]
	if !ok {
		return nil, nil
	}
	return &tok, nil
}

// Save implements TokenStore.
func (m *MemoryStore) Save(_ context.Context, key TokenKey, tok *Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tokens[key] = *tok
	return nil
}

// Delete implements TokenStore.
func (m *MemoryStore) Delete(_ context.Context, key TokenKey, accessToken string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tokens[key].AccessToken == accessToken {
		delete(m.tokens, key)
	}
	return nil
}

// Format prints m without the tokens it holds.
func (m *MemoryStore) Format(f fmt.State, _ rune) {
	m.mu.Lock()
	n := len(m.tokens)
	m.mu.Unlock()
	fmt.Fprintf(f, "core.MemoryStore{%d tokens}", n)
}
