package adaptertest

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"testing"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/internal/attacks"
)

// minAttacks is how many cases of the attack table must reach the
// adapter through a real HTTP client for the run to count.
const minAttacks = 60

// descriptions are the error_description of RFC 6750 answers, for each
// reason the attack table refuses a token with. They are spelled out
// here rather than taken from core.ResponseFor, so that a change there
// shows up as a failure.
var descriptions = map[m2mauth.Reason]string{
	m2mauth.ReasonMalformed:     malformedDesc,
	m2mauth.ReasonExpired:       "the token has expired",
	m2mauth.ReasonNotYetValid:   "the token is not valid yet",
	m2mauth.ReasonBadSignature:  "the token signature is invalid",
	m2mauth.ReasonUnknownKey:    "the token was signed with an unknown key",
	m2mauth.ReasonWrongIssuer:   "the token issuer is not accepted",
	m2mauth.ReasonWrongAudience: "the token audience is not accepted",
	m2mauth.ReasonAlgorithm:     "the token signing algorithm is not accepted",
	m2mauth.ReasonInvalidClaims: "the token claims are invalid",
}

// runAttacks sends every case of the attack table to PrivatePath: a
// refused case must get the 401 invalid_token answer of its reason, an
// accepted one 200 with the claims of the table's client, and no case
// may make the validator ask the table's hostile key server for keys.
func runAttacks(t *testing.T, o *options, base string, ten *auth0test.Tenant) {
	suite := attacks.New(ten, Audience)
	defer suite.Close()
	reached := 0
	for _, c := range suite.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if attack(t, o, base, c) {
				reached++
			}
		})
	}
	if reached < minAttacks {
		t.Errorf("%d of %d cases reached the adapter, want at least %d",
			reached, len(suite.Cases), minAttacks)
	}
	if n := suite.AttackerRequests(); n != 0 {
		t.Errorf("the hostile key server got %d requests, want 0: jku, x5u and kid must never be followed", n)
	}
}

// attack sends one case and checks the answer. It reports whether the
// request was sent by net/http's client and answered by the adapter.
func attack(t *testing.T, o *options, base string, c attacks.Case) bool {
	t.Helper()
	want := attackAnswer(t, c.Reason)
	sent := []string{c.Authorization}
	if !sendable(c.Authorization) {
		// net/http's client refuses to send control characters in a
		// header. Written raw, a line feed ends the header line, so the
		// server sees a request other than the table's: its parser may
		// refuse it (400), or the adapter gets the part before the line
		// feed, which is no valid token either. Both are refusals.
		got := sendRaw(t, base+PrivatePath, c.Authorization)
		o.seen(sent, got)
		checkNoToken(t, sent, got)
		if got.Status != http.StatusBadRequest {
			expect(t, got, want)
		}
		return false
	}
	req := newAttackRequest(t, base+PrivatePath, c.Authorization)
	tooLarge := o.tooLarge(headerSize(t, req))
	if tooLarge {
		want = headerTooLarge
	}
	got := send(t, req)
	o.seen(sent, got)
	expect(t, got, want)
	checkNoToken(t, sent, got)
	if c.Reason == "" && !tooLarge {
		checkClient(t, got.Body)
	}
	return !tooLarge
}

func attackAnswer(t *testing.T, reason m2mauth.Reason) answer {
	t.Helper()
	if reason == "" {
		return answer{status: http.StatusOK}
	}
	d, ok := descriptions[reason]
	if !ok {
		t.Fatalf("no expected answer for reason %s: add it to descriptions", reason)
	}
	return refused(d)
}

// checkClient checks that an accepted token's claims reached the route.
func checkClient(t *testing.T, body string) {
	t.Helper()
	var got Identity
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("decoding %q: %v", body, err)
	}
	if got.ClientID != "attack-client" {
		t.Errorf("client_id: got %q, want %q", got.ClientID, "attack-client")
	}
}

func newAttackRequest(t *testing.T, u, authorization string) *http.Request {
	t.Helper()
	// The deadline keeps a hung adapter from hanging the suite; it is
	// not a speed assertion.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatalf("building the request: %v", err)
	}
	req.Header["Authorization"] = []string{authorization}
	return req
}

// headerSize is the length of req's header block as the client writes
// it: request line, every header and the blank line.
func headerSize(t *testing.T, req *http.Request) int {
	t.Helper()
	b, err := httputil.DumpRequestOut(req, false)
	if err != nil {
		t.Fatalf("measuring the request: %v", err)
	}
	return len(b)
}

// sendable reports whether net/http's client sends v as a header value:
// it refuses control characters other than the tab.
func sendable(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// sendRaw writes a GET of u with the Authorization line as is, byte for
// byte, on a new connection, and reads the answer.
func sendRaw(t *testing.T, u, authorization string) Response {
	t.Helper()
	target, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", target.Host)
	if err != nil {
		t.Fatalf("dialing %s: %v", target.Host, err)
	}
	defer conn.Close()
	// As in newAttackRequest, a guard against a hang, not a speed check.
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	_, err = io.WriteString(conn, "GET "+target.RequestURI()+" HTTP/1.1\r\n"+
		"Host: "+target.Host+"\r\n"+
		"Authorization: "+authorization+"\r\n"+
		"Connection: close\r\n\r\n")
	if err != nil {
		t.Fatalf("writing the request: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}
