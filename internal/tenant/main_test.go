package tenant

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them:
// anything the tests start left running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
