// Command client calls an API protected by Auth0 with a machine-to-machine
// token, the way a service built on m2mauth does.
//
// Usage:
//
//	client URL
//
// It reads the tenant, the credentials and the audience from
// AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and AUTH0_AUDIENCE,
// GETs URL with a bearer token, and prints the answer's status and body.
// It exits 0 on a 2xx answer; otherwise it prints the error on stderr and
// exits 1 (2 for a usage error).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/revup/m2mauth/outbound"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: client URL")
		return 2
	}
	client, err := outbound.FromEnv()
	if err != nil {
		fmt.Fprintln(stderr, "client:", err)
		return 1
	}
	defer client.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	resp, err := client.Get(ctx, args[0])
	if resp != nil {
		// A non-2xx answer comes with its error, and is printed too.
		fmt.Fprintln(stdout, resp.Status)
		io.Copy(stdout, resp.Body)
		resp.Body.Close()
	}
	if err != nil {
		fmt.Fprintln(stderr, "client:", err)
		return 1
	}
	return 0
}
