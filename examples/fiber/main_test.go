package main

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/revup/m2mauth/internal/exampletest"
)

// TestMain lets two fasthttp goroutines outlive the tests: a worker
// pool's cleaner, which notices the server stopped only after a sleep
// of ten seconds, and the process-wide one that refreshes the Date
// header and never stops.
func TestMain(m *testing.M) {
	exampletest.Main(m, main,
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*workerPool).Start.func2"),
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.updateServerDate.func1"),
	)
}

func TestRun(t *testing.T) { exampletest.CheckRun(t, run) }

func TestConfig(t *testing.T) { exampletest.CheckConfig(t, run) }

func TestProcess(t *testing.T) { exampletest.CheckProcess(t) }
