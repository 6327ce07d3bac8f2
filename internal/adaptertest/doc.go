// Package adaptertest is the behaviour table every HTTP adapter of
// m2mauth must pass. Each adapter's tests call Run with a function that
// serves the three routes below through the real framework on loopback;
// Run then sends real requests against an embedded Auth0 tenant and
// checks status, challenge and body byte for byte, so that the five
// adapters answer every request alike.
package adaptertest
