package hygiene_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them: a
// server, a key fetch or a token renewal left running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
