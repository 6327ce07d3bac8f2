package m2mhttp_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

// The key set's life seen from the outside: every request below goes
// over loopback through the middleware, and the tenant counts the key
// set requests the validator makes.

// getAll sends n concurrent requests and returns how many got each
// status.
func getAll(t *testing.T, url string, auth func(i int) string, n int) map[int]int {
	t.Helper()
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		wg       sync.WaitGroup
	)
	// Enough idle connections that the requests do not queue for one.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	for i := range n {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("Authorization", auth(i))
			resp, err := client.Do(req)
			status := 0
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				status = resp.StatusCode
			}
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return statuses
}

func TestColdStartThroughMiddleware(t *testing.T) {
	ten, v := setup(t)
	url := start(t, m2mhttp.New(v)(identity))
	bearer := adaptertest.Bearer(ten.Token(adaptertest.Audience))

	got := getAll(t, url, func(int) string { return bearer }, 500)
	if got[http.StatusOK] != 500 {
		t.Errorf("statuses of 500 requests on a cold validator: %v, want all 200", got)
	}
	if n := ten.JWKSRequests(); n != 1 {
		t.Errorf("got %d key set requests, want 1", n)
	}
}

func TestUnknownKidFloodThroughMiddleware(t *testing.T) {
	ten, v := setup(t)
	url := start(t, m2mhttp.New(v)(identity))
	if r := adaptertest.Get(t, url, adaptertest.Bearer(ten.Token(adaptertest.Audience))); r.Status != http.StatusOK {
		t.Fatalf("warm-up: got %d, want 200", r.Status)
	}
	claims := ten.M2MClaims("flooder", adaptertest.Audience)
	key := ten.NewUnpublishedKey()
	got := getAll(t, url, func(i int) string {
		header := map[string]any{"alg": "RS256", "typ": "JWT", "kid": fmt.Sprintf("random-%d", i)}
		return adaptertest.Bearer(auth0test.SignRS256(key, header, claims))
	}, 300)
	if got[http.StatusUnauthorized] != 300 {
		t.Errorf("statuses of 300 tokens with unknown kids: %v, want all 401", got)
	}
	// The start-up fetch, and at most one refetch for the whole flood
	// within the refetch interval.
	if n := ten.JWKSRequests(); n > 2 {
		t.Errorf("got %d key set requests, want at most 2", n)
	}
}

// clock is a time source that tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestKeyRotationThroughMiddleware(t *testing.T) {
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	clk := &clock{now: time.Now()}
	v, err := core.New(core.Config{
		Domain:   ten.Domain(),
		Audience: []string{adaptertest.Audience},
		Now:      clk.Now,
		Logger:   slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	url := start(t, m2mhttp.New(v)(identity))
	old := ten.Token(adaptertest.Audience)
	if r := adaptertest.Get(t, url, adaptertest.Bearer(old)); r.Status != http.StatusOK {
		t.Fatalf("token of the first key: got %d, want 200", r.Status)
	}

	oldKid := ten.SigningKey().ID
	ten.RotateKey()
	// Unknown kids make the validator refetch at most once per
	// KeyRefetchInterval, counted from the start-up fetch too.
	clk.Advance(core.DefaultKeyRefetchInterval)
	fresh := ten.Token(adaptertest.Audience)
	if r := adaptertest.Get(t, url, adaptertest.Bearer(fresh)); r.Status != http.StatusOK {
		t.Errorf("token of the new key: got %d, want 200 after the refetch", r.Status)
	}
	if r := adaptertest.Get(t, url, adaptertest.Bearer(old)); r.Status != http.StatusOK {
		t.Errorf("token of the old key, still published: got %d, want 200", r.Status)
	}

	if !ten.RevokeKey(oldKid) {
		t.Fatal("RevokeKey found no old key")
	}
	// Another unknown kid makes the validator refetch; the old key is
	// gone from that answer, so its tokens (cached as verified or not)
	// are refused from then on.
	ten.RotateKey()
	clk.Advance(core.DefaultKeyRefetchInterval)
	if r := adaptertest.Get(t, url, adaptertest.Bearer(ten.Token(adaptertest.Audience))); r.Status != http.StatusOK {
		t.Fatalf("token of the third key: got %d, want 200", r.Status)
	}
	if r := adaptertest.Get(t, url, adaptertest.Bearer(old)); r.Status != http.StatusUnauthorized {
		t.Errorf("token of the revoked key: got %d, want 401", r.Status)
	}
}
