// Package exampletest checks that a runnable example server keeps the
// contract every example of m2mauth shares: configuration from
// AUTH0_DOMAIN, AUTH0_AUDIENCE and ADDR (default ":8080"); GET
// /api/public open to all, /api/private for any valid token,
// /api/private-scoped for a token granting read:messages; a message
// naming a missing variable on stderr and a non-zero exit; a graceful
// stop on SIGINT or SIGTERM.
//
// An example exposes its server as a RunFunc, and its main announces
// the bound address on stderr as "listening on ADDR", which the process
// tests read.
package exampletest
