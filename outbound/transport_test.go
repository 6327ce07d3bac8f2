package outbound_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/revup/m2mauth/outbound"
)

// Many requests refused with the same token cause one new token, and
// each is sent again with its body.
func TestTransport401RefetchesOnceAndReplaysBody(t *testing.T) {
	ten, a, c := setup(t)
	first, err := c.TokenSource().Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	a.refuse(first.AccessToken)

	const callers = 20
	bodies := make([]string, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			resp, err := c.Post(bg, a.URL, outbound.JSON(map[string]int{"n": i}))
			if err != nil {
				t.Errorf("caller %d: %v", i, err)
				return
			}
			defer resp.Body.Close()
			var e echo
			json.NewDecoder(resp.Body).Decode(&e)
			bodies[i] = e.Body
		})
	}
	wg.Wait()
	for i, b := range bodies {
		if want := `{"n":` + strconv.Itoa(i) + `}`; b != want {
			t.Fatalf("caller %d: got body %q echoed, want %q", i, b, want)
		}
	}
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2", n)
	}
	seen := a.tokens()
	if seen[len(seen)-1] == first.AccessToken {
		t.Fatal("the last request carried the refused token")
	}
}

// A body that cannot be replayed gets the 401 back, and the refused token
// is still dropped for the next request.
func TestTransport401WithBodyThatCannotBeReplayed(t *testing.T) {
	ten, a, c := setup(t)
	first, _ := c.TokenSource().Token(bg)
	a.refuse(first.AccessToken)
	once := io.MultiReader(strings.NewReader("once"))
	resp, err := c.Post(bg, a.URL, outbound.Body(once, "text/plain"))
	if resp == nil || resp.StatusCode != http.StatusUnauthorized || err == nil {
		t.Fatalf("got %v, want the 401", err)
	}
	resp.Body.Close()
	decode(t)(c.Post(bg, a.URL, outbound.Body(strings.NewReader("again"), "text/plain")))
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2", n)
	}
}

// An API that refuses every token cannot make each request spend one
// from Auth0's quota.
func TestTransport401EveryTimeSpendsOneExtraToken(t *testing.T) {
	ten, _, c := setup(t)
	refuseAll := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer refuseAll.Close()
	for range 10 {
		resp, err := c.Get(bg, refuseAll.URL)
		if err == nil {
			t.Fatal("got no error for a 401")
		}
		resp.Body.Close()
	}
	if n := ten.TokenRequests(); n != 2 {
		t.Fatalf("got %d token requests, want 2", n)
	}
}

func TestTransportKeepsTokenToItsHost(t *testing.T) {
	var mu sync.Mutex
	auth := map[string]string{}
	record := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			auth[name] = r.Header.Get("Authorization")
			mu.Unlock()
		}
	}
	elsewhere := httptest.NewServer(record("elsewhere"))
	defer elsewhere.Close()
	mux := http.NewServeMux()
	mux.Handle("/away", http.RedirectHandler(elsewhere.URL+"/x", http.StatusFound))
	mux.Handle("/home", http.RedirectHandler("/landing", http.StatusFound))
	mux.Handle("/landing", record("landing"))
	origin := httptest.NewServer(mux)
	defer origin.Close()

	_, _, c := setup(t)
	for _, path := range []string{"/away", "/home"} {
		resp, err := c.Get(bg, origin.URL+path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		resp.Body.Close()
	}
	if got := auth["elsewhere"]; got != "" {
		t.Fatal("the token followed a redirect to another host")
	}
	if got := auth["landing"]; !strings.HasPrefix(got, "Bearer ") {
		t.Fatalf("got Authorization %q after a same-host redirect, want the token", got)
	}
}

func TestHTTPClientKeepsNetHTTPStatusRule(t *testing.T) {
	_, _, c := setup(t)
	srv := newStatusServer(t, http.StatusTeapot, "short and stout")
	resp, err := c.HTTPClient().Get(srv.URL)
	if err != nil {
		t.Fatalf("got %v, want no error for a 418", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTeapot {
		t.Fatalf("got %d, want 418", resp.StatusCode)
	}
}

func TestTransportWithoutSource(t *testing.T) {
	srv := newStatusServer(t, http.StatusOK, "")
	hc := &http.Client{Transport: &outbound.Transport{}}
	if _, err := hc.Get(srv.URL); err == nil {
		t.Fatal("got no error from a transport without a source")
	}
}
