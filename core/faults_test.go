package core_test

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// These tests extend TestKeySetFaults (bad answers from a server that
// works) to servers and networks that do not: hangs, dribbles, cut
// connections, endless bodies, redirect loops and TLS failures, with no
// key held and with keys held.

// switchboard is an HTTP client for https://example.com whose
// connections go to whichever server the test points it at: the good one
// or a faulty one. Keep-alives are off, so that each request dials
// afresh. It trusts httptest's certificate and no other.
type switchboard struct {
	addr   atomic.Pointer[string]
	client *http.Client
}

func newSwitchboard(fx *fixture) *switchboard {
	sw := &switchboard{}
	tr := fx.srv.Client().Transport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, *sw.addr.Load())
	}
	sw.client = &http.Client{Transport: tr}
	return sw
}

func (sw *switchboard) point(addr string) { sw.addr.Store(&addr) }

// faultRig is a validator of the fixed tenant behind a switchboard.
type faultRig struct {
	*switchboard
	fx      *fixture
	v       *core.Validator
	clk     *clock
	fetches chan core.KeysFetch
}

func newFaultRig(t *testing.T, fetchTimeout time.Duration) *faultRig {
	t.Helper()
	fx := newFixture(t)
	r := &faultRig{switchboard: newSwitchboard(fx), fx: fx, clk: &clock{now: fixedNow},
		fetches: make(chan core.KeysFetch, 64)}
	r.pointAtTenant()
	v, err := core.New(core.Config{
		Domain:       "example.com",
		Audience:     []string{fixedAudience},
		HTTPClient:   r.client,
		Now:          r.clk.Now,
		Logger:       quiet,
		DisableCache: true,
		FetchTimeout: fetchTimeout,
		Hooks:        core.Hooks{KeysFetched: func(f core.KeysFetch) { r.fetches <- f }},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	r.v = v
	return r
}

func (r *faultRig) pointAtTenant() { r.point(r.fx.srv.Listener.Addr().String()) }

// nextFetch waits for the next key fetch to end. The bound is a guard
// against a fetch that never ends, not a speed requirement.
func (r *faultRig) nextFetch(t *testing.T) core.KeysFetch {
	t.Helper()
	select {
	case f := <-r.fetches:
		return f
	case <-time.After(10 * time.Second):
		t.Fatal("no key fetch ended within 10s")
		return core.KeysFetch{}
	}
}

// mustValidate validates tok, failing the test if it is refused or if
// the call blocks: the calls made here all have their key held, and
// must not wait for a fetch in progress.
func (r *faultRig) mustValidate(t *testing.T, tok string) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := r.v.Validate(bg, tok)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("got %v, want the token accepted with the key held", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Validate blocked behind a key fetch although its key is held")
	}
}

// fault is one way for a key server or the network to fail.
type fault struct {
	name string
	// start serves the fault through s and returns its address; body is
	// what the endpoint answers when it works.
	start func(t *testing.T, s *faultServer, fx *fixture, body []byte) string
	// holds is true for faults that last until the client gives up or
	// the test releases them.
	holds bool
	// want describes the cause a failed fetch must report; cause checks it.
	want  string
	cause func(error) bool
}

var faults = []fault{
	{name: "hangs before answering", holds: true, want: "a timeout", cause: isTimeout,
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) {
				s.enter()
				s.hold(r.Context().Done())
			}, nil)
		}},
	{name: "sends the answer a byte at a time", holds: true, want: "a timeout", cause: isTimeout,
		start: func(t *testing.T, s *faultServer, _ *fixture, body []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) { s.dribble(w, r, body) }, nil)
		}},
	{name: "closes the connection mid-body", want: "io.ErrUnexpectedEOF", cause: is(io.ErrUnexpectedEOF),
		start: func(t *testing.T, s *faultServer, _ *fixture, body []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) {
				s.enter()
				cutMidBody(w, body)
			}, nil)
		}},
	{name: "sends an endless answer", want: "the size limit", cause: says("larger than"),
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) {
				s.enter()
				endless(w)
			}, nil)
		}},
	{name: "redirects to itself", want: "a refused redirect", cause: says("redirects are not followed"),
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) {
				s.enter()
				http.Redirect(w, r, r.URL.Path, http.StatusFound)
			}, nil)
		}},
	{name: "presents a certificate no one trusts", want: "a certificate error", cause: isCertificateError,
		start: func(t *testing.T, s *faultServer, fx *fixture, body []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) { w.Write(body) }, strangerCert(t, fx))
		}},
	{name: "speaks plain HTTP where TLS is due", want: "a refused plain HTTP answer", cause: says("HTTP response to HTTPS client"),
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
			srv.Config.ErrorLog = discardLog
			s.cleanup(t, srv.Close)
			return srv.Listener.Addr().String()
		}},
	{name: "never answers the TLS handshake", holds: true, want: "a timeout", cause: isTimeout,
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			return s.serveTCP(t, func(c net.Conn) {
				s.enter()
				s.untilClosed(c)
			})
		}},
	{name: "resets the connection at once", want: "a network error", cause: isNetError,
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			return s.serveTCP(t, func(c net.Conn) {
				s.enter()
				c.(*net.TCPConn).SetLinger(0)
			})
		}},
	{name: "closes the connection after the TLS handshake", want: "an EOF", cause: is(io.EOF),
		start: func(t *testing.T, s *faultServer, _ *fixture, _ []byte) string {
			return s.serveTLS(t, func(w http.ResponseWriter, r *http.Request) {
				s.enter()
				if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
					conn.Close()
				}
			}, nil)
		}},
}

// TestKeyFetchFaultsWithNoKeyHeld: with no key to fall back on, each
// fault ends within FetchTimeout or the size limit as keys_unavailable
// (503) carrying its cause, and once the tenant recovers the same
// validator gets its keys.
func TestKeyFetchFaultsWithNoKeyHeld(t *testing.T) {
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			r := newFaultRig(t, 250*time.Millisecond)
			r.point(f.start(t, newFaultServer(), r.fx, jwksBody(t, r.fx)))
			tok := r.fx.token(nil)

			_, err := r.v.Validate(bg, tok)
			var ae *m2mauth.AuthenticationError
			if !errors.As(err, &ae) || ae.Reason != m2mauth.ReasonKeysUnavailable {
				t.Fatalf("got %v, want reason %s", err, m2mauth.ReasonKeysUnavailable)
			}
			if !f.cause(ae.Err) {
				t.Fatalf("got cause %v, want %s", ae.Err, f.want)
			}
			if got := core.ResponseFor(err).Status; got != http.StatusServiceUnavailable {
				t.Errorf("got status %d, want 503", got)
			}
			if ev := r.nextFetch(t); ev.Err == nil {
				t.Error("the KeysFetched hook reported the failed fetch as a success")
			}

			r.pointAtTenant()
			r.clk.Advance(time.Second)
			if _, err := r.v.Validate(bg, tok); err != nil {
				t.Fatalf("after the tenant recovered: %v", err)
			}
		})
	}
}

// TestKeyFetchFaultsWithKeysHeld: while a background refresh meets each
// fault, requests whose key is held are answered without waiting for it;
// the failure reaches the KeysFetched hook; the held keys stay in use;
// and the next refresh, once the tenant recovers, succeeds.
func TestKeyFetchFaultsWithKeysHeld(t *testing.T) {
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			// A long FetchTimeout: a request that waited for the fetch
			// would block until the test ends.
			r := newFaultRig(t, time.Minute)
			tok := r.fx.token(nil)
			r.mustValidate(t, tok)
			if ev := r.nextFetch(t); ev.Err != nil {
				t.Fatalf("first fetch: %v", ev.Err)
			}

			s := newFaultServer()
			r.point(f.start(t, s, r.fx, jwksBody(t, r.fx)))
			r.clk.Advance(core.DefaultKeyRefreshInterval)
			r.mustValidate(t, tok) // starts the refresh
			want := f.cause
			if f.holds {
				waitClosed(t, s.entered)
				r.mustValidate(t, tok)
				// Released, the fault ends in some failure of its own
				// rather than the timeout it would have met.
				s.Release()
				want = func(err error) bool { return err != nil }
			}
			if ev := r.nextFetch(t); !want(ev.Err) {
				t.Fatalf("the faulty refresh reported %v, want %s", ev.Err, f.want)
			}
			r.mustValidate(t, tok)

			r.pointAtTenant()
			r.clk.Advance(core.DefaultKeyRefreshInterval)
			r.mustValidate(t, tok)
			if ev := r.nextFetch(t); ev.Err != nil {
				t.Fatalf("refresh after the tenant recovered: %v", ev.Err)
			}
		})
	}
}

func waitClosed(t *testing.T, c <-chan struct{}) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		t.Fatal("the fault was not reached within 10s")
	}
}

func is(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func says(text string) func(error) bool {
	return func(err error) bool { return err != nil && strings.Contains(err.Error(), text) }
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

func isCertificateError(err error) bool {
	var ce *tls.CertificateVerificationError
	return errors.As(err, &ce)
}
