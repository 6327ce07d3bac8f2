package modcheck

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them,
// such as one waiting on a go command that was not reaped.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
