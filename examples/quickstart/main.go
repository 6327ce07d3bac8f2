// Command quickstart makes a complete machine-to-machine round trip: it
// starts an Auth0-compatible tenant on loopback, an API protected by
// m2mauth, and an M2M client, then makes an authorised, an unauthorised
// and an under-scoped call and prints what each one got.
//
//	go run ./examples/quickstart
//
// No Auth0 account is needed. With AUTH0_DOMAIN, AUTH0_CLIENT_ID,
// AUTH0_CLIENT_SECRET and AUTH0_AUDIENCE set, it uses that tenant instead
// of the embedded one; the client must be authorised for the audience.
//
// It exits 0 when every call got the answer it should, 1 otherwise.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ok, err := run(ctx, os.Stdout, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// run makes the round trip, printing each step to out, and reports
// whether every call was answered as expected.
func run(ctx context.Context, out io.Writer, getenv func(string) string) (bool, error) {
	t, err := newTenant(getenv)
	if err != nil {
		return false, err
	}
	defer t.close()

	api, err := startAPI(t.domain, t.audience)
	if err != nil {
		return false, err
	}
	defer api.close()

	fmt.Fprintf(out, "tenant  %s (%s)\n", t.domain, t.kind)
	fmt.Fprintf(out, "api     %s (audience %s)\n", api.url, t.audience)
	client, err := newClient(t)
	if err != nil {
		return false, err
	}
	defer client.Close()

	passed := 0
	for i, s := range steps {
		got := s.call(ctx, client, api.url+s.path)
		good := got.status == s.want
		if good {
			passed++
		}
		fmt.Fprintf(out, "%d. %-22s GET %-24s -> %s%s\n", i+1, s.name, s.path, got.summary, verdict(good, s.want))
	}
	if t.issued != nil {
		fmt.Fprintf(out, "tokens issued by the tenant: %d (one token, reused)\n", t.issued())
	}
	fmt.Fprintf(out, "%d of %d calls answered as expected\n", passed, len(steps))
	return passed == len(steps), nil
}

func verdict(good bool, want int) string {
	if good {
		return ""
	}
	return fmt.Sprintf("   UNEXPECTED, wanted %d", want)
}
