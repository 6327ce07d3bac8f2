// Package adaptertest is the behaviour table every HTTP adapter of
// m2mauth must pass. Each adapter's tests call Run with a function that
// serves the three routes below through the real framework on loopback;
// Run then sends real requests against an embedded Auth0 tenant and
// checks status, challenge and body byte for byte, so that the five
// adapters answer every request alike.
//
// Run also sends every case of the hostile token table of
// internal/attacks through the adapter, the cases net/http's client
// will not send being written raw on a connection, and checks that no
// answer repeats a token it was sent. Where a framework answers before
// the adapter runs, as fasthttp does for a header larger than its read
// buffer, the adapter's test says so with an Option.
package adaptertest
