// Package bench measures m2mauth side by side with the RSA floor and
// with the Go libraries people use for the same job, on one machine, one
// token and one loopback key set served by auth0test.
//
// It is a module of its own so that the libraries compared against never
// enter m2mauth's go.mod. It holds only benchmarks and the quick tests
// that keep them honest (every row must accept the shared token and
// refuse forged ones); the table is printed by
//
//	go run ./bench/cmd/benchtable
//
// from the repository root. docs/performance.md explains every row.
package bench
