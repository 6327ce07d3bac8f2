package core

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/revup/m2mauth/internal/jsonscan"
)

// The key set is fetched and held here rather than through
// MicahParks/keyfunc and jwkset, which were weighed first. What they do
// not give: a notice of which keys left the set, so that tokens verified
// under a removed key leave the cache at once; one fetch shared by a cold
// start's concurrent callers, each waiting only as long as its own
// context allows; a size limit on the body; and a JSON reader that
// refuses duplicate names. Parsing an RSA JWK is a few lines.

// keySet is an immutable snapshot of the tenant's usable keys.
type keySet struct {
	keys    map[string]*rsa.PublicKey
	fetched time.Time
}

// keyFetcher holds the current key set and makes sure at most one fetch
// runs at a time.
type keyFetcher struct {
	url    string
	client *http.Client
	cfg    *Config
	// onRemoved is told which key ids left the set.
	onRemoved func(kids map[string]bool)

	current atomic.Pointer[keySet]

	mu          sync.Mutex
	inflight    *fetchCall
	lastAttempt time.Time

	ctx    context.Context // canceled by close
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type fetchCall struct {
	done chan struct{}
	err  error
}

func newKeyFetcher(url string, cfg *Config, onRemoved func(map[string]bool)) *keyFetcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &keyFetcher{
		url:       url,
		client:    cfg.HTTPClient,
		cfg:       cfg,
		onRemoved: onRemoved,
		ctx:       ctx,
		cancel:    cancel,
	}
}

// coldRetryInterval spaces fetches while no key is held at all: shorter
// than KeyRefetchInterval, since every request fails until one succeeds.
const coldRetryInterval = time.Second

// key returns the public key for kid. A kid the set does not hold causes
// a fetch, unless one was attempted within KeyRefetchInterval; the caller
// waits for it no longer than ctx allows.
func (f *keyFetcher) key(ctx context.Context, kid []byte) (*rsa.PublicKey, error) {
	ks := f.current.Load()
	if ks != nil {
		if k, ok := ks.keys[string(kid)]; ok {
			f.refreshIfStale(ks, f.cfg.Now())
			return k, nil
		}
	}
	interval := f.cfg.KeyRefetchInterval
	if ks == nil {
		interval = min(interval, coldRetryInterval)
	}
	var cause error
	if call := f.start(interval); call != nil {
		select {
		case <-call.done:
			cause = call.err
		case <-ctx.Done():
			return nil, f.missing(f.current.Load(), ctx.Err())
		}
	}
	// Look again even when no fetch may start: one may have ended
	// between the lookup above and start, and its keys are installed
	// before start can see it gone.
	ks = f.current.Load()
	if ks != nil {
		if k, ok := ks.keys[string(kid)]; ok {
			return k, nil
		}
	}
	return nil, f.missing(ks, cause)
}

// refreshIfStale starts a background refresh when the key set is older
// than KeyRefreshInterval. Requests answered from the token cache call it
// too: without it, a service seeing only cached tokens would never learn
// that a key was revoked. now is the caller's: reading the clock costs
// as much as the rest of a cache hit on some virtual machines.
func (f *keyFetcher) refreshIfStale(ks *keySet, now time.Time) {
	if ks != nil && now.Sub(ks.fetched) >= f.cfg.KeyRefreshInterval {
		f.start(f.cfg.KeyRefetchInterval)
	}
}

func (f *keyFetcher) missing(ks *keySet, cause error) error {
	if ks == nil {
		return &keysUnavailable{cause}
	}
	return errUnknownKey
}

type keysUnavailable struct{ err error }

func (e *keysUnavailable) Error() string { return "no signing keys" }

var errUnknownKey = errors.New("unknown kid")

// start begins a fetch in the background unless one is running, or one
// began less than interval ago. It returns the running or new fetch, or
// nil when none may start.
func (f *keyFetcher) start(interval time.Duration) *fetchCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inflight != nil {
		return f.inflight
	}
	now := f.cfg.Now()
	if !f.lastAttempt.IsZero() && now.Sub(f.lastAttempt) < interval {
		return nil
	}
	if f.ctx.Err() != nil {
		return nil
	}
	f.lastAttempt = now
	call := &fetchCall{done: make(chan struct{})}
	f.inflight = call
	f.wg.Add(1)
	go f.run(call)
	return call
}

func (f *keyFetcher) run(call *fetchCall) {
	defer f.wg.Done()
	begin := time.Now()
	keys, err := f.fetch()
	ev := KeysFetch{Duration: time.Since(begin), Err: err}
	if err == nil {
		ev.Keys = len(keys)
		ev.Added, ev.Removed = f.swap(keys)
	}
	call.err = err

	f.mu.Lock()
	f.inflight = nil
	f.mu.Unlock()
	close(call.done)
	f.report(ev)
}

// swap installs keys and reports which ids came and went.
func (f *keyFetcher) swap(keys map[string]*rsa.PublicKey) (added, removed []string) {
	old := f.current.Swap(&keySet{keys: keys, fetched: f.cfg.Now()})
	gone := map[string]bool{}
	if old != nil {
		for kid := range old.keys {
			if _, ok := keys[kid]; !ok {
				gone[kid] = true
				removed = append(removed, kid)
			}
		}
	}
	for kid := range keys {
		if old == nil || old.keys[kid] == nil {
			added = append(added, kid)
		}
	}
	if len(gone) > 0 {
		f.onRemoved(gone)
	}
	return added, removed
}

func (f *keyFetcher) report(ev KeysFetch) {
	if ev.Err != nil {
		// keys_held says whether requests go on with the old set or
		// fail until a fetch succeeds.
		held := 0
		if ks := f.current.Load(); ks != nil {
			held = len(ks.keys)
		}
		f.cfg.Logger.Warn("m2mauth: fetching signing keys failed",
			"url", f.url, "keys_held", held, "error", ev.Err.Error())
	} else if len(ev.Removed) > 0 || (len(ev.Added) > 0 && len(ev.Added) < ev.Keys) {
		f.cfg.Logger.Info("m2mauth: signing keys changed",
			"url", f.url, "keys", ev.Keys, "added", ev.Added, "removed", ev.Removed)
	}
	if h := f.cfg.Hooks.KeysFetched; h != nil {
		h(ev)
	}
}

func (f *keyFetcher) close() {
	f.cancel()
	f.wg.Wait()
}

func (f *keyFetcher) fetch() (map[string]*rsa.PublicKey, error) {
	ctx, cancel := context.WithTimeout(f.ctx, f.cfg.FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("key set answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxKeySetSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading key set: %w", err)
	}
	if int64(len(body)) > f.cfg.MaxKeySetSize {
		return nil, fmt.Errorf("key set larger than %d bytes", f.cfg.MaxKeySetSize)
	}
	return parseKeySet(body)
}

// Bounds on an RSA key we accept. Below 2048 bits is refused as weak
// (NIST SP 800-57); above 8192 bits only slows verification down.
const (
	minRSABits = 2048
	maxRSABits = 8192
)

// parseKeySet reads a JWKS and keeps its RSA signing keys. Entries of
// other types, for encryption, or with an alg that is not RSA are skipped
// without disturbing the rest; a set with no usable key is an error, so
// that the keys held stay in use.
func parseKeySet(body []byte) (map[string]*rsa.PublicKey, error) {
	keys := map[string]*rsa.PublicKey{}
	d := jsonscan.New(body)
	sawKeys := false
	err := d.Object(func(name []byte) error {
		if string(name) != "keys" {
			return nil
		}
		sawKeys = true
		return d.Array(func() error {
			kid, pub, err := parseJWK(d)
			if err != nil {
				return err
			}
			if pub == nil {
				return nil
			}
			if _, dup := keys[kid]; dup {
				// Two keys under one kid: trust neither.
				keys[kid] = nil
				return nil
			}
			keys[kid] = pub
			return nil
		})
	})
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return nil, fmt.Errorf("invalid key set: %w", err)
	}
	for kid, pub := range keys {
		if pub == nil {
			delete(keys, kid)
		}
	}
	if !sawKeys || len(keys) == 0 {
		return nil, errors.New("key set holds no usable RSA signing key")
	}
	return keys, nil
}

// parseJWK reads one entry. It returns a nil key, and no error, for an
// entry that is well-formed JSON but not a usable RSA signing key.
func parseJWK(d *jsonscan.Decoder) (string, *rsa.PublicKey, error) {
	var kty, use, alg, kid, n, e string
	err := d.Object(func(name []byte) error {
		var err error
		switch string(name) {
		case "kty":
			kty, err = d.String()
		case "use":
			use, err = d.String()
		case "alg":
			alg, err = d.String()
		case "kid":
			kid, err = d.String()
		case "n":
			n, err = d.String()
		case "e":
			e, err = d.String()
		}
		if errors.Is(err, jsonscan.ErrType) {
			// A member of an unexpected type makes this entry unusable,
			// not the whole set.
			kty = ""
			return d.Skip()
		}
		return err
	})
	if err != nil {
		return "", nil, err
	}
	if kty != "RSA" || kid == "" || (use != "" && use != "sig") || (alg != "" && !algorithms[alg]) {
		return "", nil, nil
	}
	pub, ok := rsaKey(n, e)
	if !ok {
		return "", nil, nil
	}
	return kid, pub, nil
}

func rsaKey(n, e string) (*rsa.PublicKey, bool) {
	nb, err := b64.DecodeString(n)
	if err != nil || len(nb) == 0 || nb[0] == 0 {
		return nil, false
	}
	eb, err := b64.DecodeString(e)
	if err != nil || len(eb) == 0 || len(eb) > 4 || eb[0] == 0 {
		return nil, false
	}
	var exp int
	for _, b := range eb {
		exp = exp<<8 | int(b)
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: exp}
	bits := pub.N.BitLen()
	if bits < minRSABits || bits > maxRSABits || exp < 3 || exp%2 == 0 {
		return nil, false
	}
	// crypto/rsa refuses to verify under an even modulus or an exponent
	// past 2^31-1. Such a key is not usable, and must not count as one:
	// a set of them would displace the keys held.
	if pub.N.Bit(0) == 0 || exp > 1<<31-1 {
		return nil, false
	}
	return pub, true
}
