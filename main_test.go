package m2mauth_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them:
// a key fetch, a token renewal or a connection left running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
