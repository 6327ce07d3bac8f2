package authz_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them,
// such as a key fetch of the validators they build.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
