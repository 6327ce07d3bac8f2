package core_test

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// faultServer is a key server on loopback that misbehaves in one way.
// Whatever hangs, hangs until the client gives up or the test closes
// release, so that a test can hold a fault in progress for as long as it
// needs to.
type faultServer struct {
	entered  chan struct{} // closed when a request first reaches the fault
	release  chan struct{}
	requests atomic.Int64
	once     sync.Once
}

// discardLog silences the servers' complaints about the clients that
// leave them mid-answer, which is what these tests make happen.
var discardLog = log.New(io.Discard, "", 0)

func newFaultServer() *faultServer {
	return &faultServer{entered: make(chan struct{}), release: make(chan struct{})}
}

func (s *faultServer) enter() {
	s.requests.Add(1)
	s.once.Do(func() { close(s.entered) })
}

// hold blocks until release is closed or done (the client left) fires.
func (s *faultServer) hold(done <-chan struct{}) {
	select {
	case <-s.release:
	case <-done:
	}
}

// serveTLS serves h over TLS with httptest's certificate, which the
// rig's client trusts, or with cert if given. It returns the address.
func (s *faultServer) serveTLS(t *testing.T, h http.HandlerFunc, cert *tls.Certificate) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	if cert != nil {
		srv.TLS = &tls.Config{Certificates: []tls.Certificate{*cert}}
	}
	srv.Config.ErrorLog = discardLog
	srv.StartTLS()
	s.cleanup(t, srv.Close)
	return srv.Listener.Addr().String()
}

// serveTCP hands every connection to fn, a server that does not speak
// TLS at all.
func (s *faultServer) serveTCP(t *testing.T, fn func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				fn(conn)
			})
		}
	})
	s.cleanup(t, func() {
		ln.Close()
		wg.Wait()
	})
	return ln.Addr().String()
}

// cleanup runs stop after release is closed, so that nothing the fault
// holds keeps the server from stopping.
func (s *faultServer) cleanup(t *testing.T, stop func()) {
	t.Cleanup(func() {
		s.Release()
		stop()
	})
}

// Release ends every hold.
func (s *faultServer) Release() {
	select {
	case <-s.release:
	default:
		close(s.release)
	}
}

// untilClosed reads conn until the client closes it or the fault is
// released.
func (s *faultServer) untilClosed(conn net.Conn) {
	gone := make(chan struct{})
	go func() {
		io.Copy(io.Discard, conn)
		close(gone)
	}()
	s.hold(gone)
	conn.Close()
	<-gone
}

// jwksBody is a key set of the fixed tenant.
func jwksBody(t *testing.T, fx *fixture) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{"keys": []any{publicJWK(fx.key)}})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// dribble writes body one byte at a time, a tick apart.
func (s *faultServer) dribble(w http.ResponseWriter, r *http.Request, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for i := range body {
		w.Write(body[i : i+1])
		w.(http.Flusher).Flush()
		s.enter()
		select {
		case <-tick.C:
		case <-s.release:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// endless writes JSON that never ends, until the client leaves.
func endless(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"keys":[`))
	chunk := []byte(strings.Repeat(`{"kty":"oct","access_token":"AAAA"},`, 1024))
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// cutMidBody promises a body it does not send: it writes the headers
// and half of body, then closes the connection.
func cutMidBody(w http.ResponseWriter, body []byte) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n")
	buf.Write(body[:len(body)/2])
	buf.Flush()
}

// strangerCert is a certificate for example.com that no one trusts.
func strangerCert(t *testing.T, fx *fixture) *tls.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "example.com"},
		DNSNames:     []string{"example.com"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &fx.evil.Private.PublicKey, fx.evil.Private)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: fx.evil.Private}
}
