package auth0test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"sync"
	"time"
)

// Key is one RSA signing key of a Tenant.
type Key struct {
	ID      string
	Private *rsa.PrivateKey
	// Certificate is the DER of a self-signed certificate for the key, as
	// Auth0 publishes in x5c.
	Certificate []byte
}

// JWK returns the key as Auth0 publishes it in its key set.
func (k *Key) JWK() map[string]any {
	thumb := sha1.Sum(k.Certificate)
	pub := k.Private.PublicKey
	return map[string]any{
		"kty": "RSA",
		"use": "sig",
		"n":   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e":   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		"kid": k.ID,
		"x5t": base64.RawURLEncoding.EncodeToString(thumb[:]),
		"x5c": []string{base64.StdEncoding.EncodeToString(k.Certificate)},
	}
}

// RSA key generation costs tens of milliseconds, so a test binary that
// starts many tenants reuses a small pool of keys. Consecutive keys are
// always distinct, which is all that rotation tests need.
const poolSize = 8

var pool struct {
	sync.Mutex
	keys []*rsa.PrivateKey
	next int
}

func pooledKey() *rsa.PrivateKey {
	pool.Lock()
	defer pool.Unlock()
	i := pool.next % poolSize
	pool.next++
	if i == len(pool.keys) {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic("auth0test: generating an RSA key: " + err.Error())
		}
		pool.keys = append(pool.keys, k)
	}
	return pool.keys[i]
}

func newKey(commonName string) *Key {
	priv := pooledKey()
	kid := make([]byte, 12)
	rand.Read(kid)
	tmpl := &x509.Certificate{
		SerialNumber: new(big.Int).SetBytes(kid),
		Subject:      pkix.Name{CommonName: commonName},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(10 * 365 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		panic("auth0test: creating a certificate: " + err.Error())
	}
	return &Key{
		ID:          base64.RawURLEncoding.EncodeToString(kid),
		Private:     priv,
		Certificate: der,
	}
}
