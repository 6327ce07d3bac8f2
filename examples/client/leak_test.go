package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the tests if any goroutine outlives them: a tenant or
// API server, or a child process's output still being copied.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
