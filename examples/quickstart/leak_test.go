package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the tests if any goroutine outlives them: the embedded
// tenant, the API or a token renewal left running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
