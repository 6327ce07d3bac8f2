package bench

import (
	"net/http"
	"strings"
	"testing"
)

// row is one way of checking the shared token: the floor, our core, a
// framework with or without our middleware, or a peer library. The same
// rows are run by BenchmarkInbound and held to their claims by TestRows.
type row struct {
	name string
	// expiry, issuer and audience tell what the row checks besides the
	// signature. TestRows refuses a row that checks less than it says
	// or more: a gap must be written down here, not discovered.
	expiry, issuer, audience bool
	// bare marks a framework without any middleware: it checks
	// nothing and accepts every token.
	bare bool
	// build returns a function that answers one request carrying the
	// Authorization header value authorization, with an HTTP status.
	build func(tb testing.TB, fx *fixture, authorization string) func() int
}

// inboundRows lists every inbound row, in the order of the table.
func inboundRows() []row {
	rows := append(floorRows(), coreRows()...)
	rows = append(rows, adapterRows()...)
	return append(rows, peerRows()...)
}

// checker adapts a function that checks a raw token into a row's build,
// for the rows that are not a whole request.
func checker(newCheck func(tb testing.TB, fx *fixture) func(token string) error) func(testing.TB, *fixture, string) func() int {
	return func(tb testing.TB, fx *fixture, authorization string) func() int {
		check := newCheck(tb, fx)
		token := strings.TrimPrefix(authorization, "Bearer ")
		return func() int {
			if check(token) != nil {
				return http.StatusUnauthorized
			}
			return http.StatusOK
		}
	}
}

// BenchmarkInbound runs every row on the shared token, once warmed: the
// key set is fetched and, for the rows that cache, the token is cached.
func BenchmarkInbound(b *testing.B) {
	fx := sharedFixture()
	authorization := "Bearer " + fx.token
	for _, r := range inboundRows() {
		b.Run(r.name, func(b *testing.B) {
			serve := r.build(b, fx, authorization)
			if got := serve(); got != http.StatusOK {
				b.Fatalf("got status %d for the shared token, want 200", got)
			}
			b.ReportAllocs()
			for b.Loop() {
				if serve() != http.StatusOK {
					b.Fatal("the shared token was refused")
				}
			}
		})
	}
}
