package m2mfiber_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them:
// a server, a key fetch or a connection left running.
//
// Two fasthttp goroutines are let be, by name. Each worker pool starts
// a cleaner that checks for its stop signal only between sleeps of ten
// seconds, so it outlives app.Shutdown by up to that long; and the first
// server starts one process-wide goroutine that refreshes the Date
// header every second and never stops. A server left running is still
// caught: its accept loop is neither of these.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*workerPool).Start.func2"),
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.updateServerDate.func1"),
	)
}
