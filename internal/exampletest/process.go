package exampletest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/internal/adaptertest"
)

// childEnv marks the test binary re-executed to run the example's main.
const childEnv = "M2MAUTH_EXAMPLE_RUN_MAIN"

// Main runs the example's main instead of the tests when the binary was
// started by CheckProcess. Otherwise it runs the tests, and fails them if
// any goroutine outlives them, but those opts ignore. Call it from
// TestMain:
//
//	func TestMain(m *testing.M) { exampletest.Main(m, main) }
func Main(m *testing.M, main func(), opts ...goleak.Option) {
	if os.Getenv(childEnv) == "1" {
		main()
		os.Exit(0)
	}
	goleak.VerifyTestMain(m, opts...)
}

// CheckProcess runs the example's main in a child process: without
// AUTH0_DOMAIN it must exit non-zero naming it on stderr; configured, it
// must serve, and exit 0 on SIGTERM.
func CheckProcess(t *testing.T) {
	t.Helper()
	t.Run("missing AUTH0_DOMAIN", func(t *testing.T) {
		cmd := child(t, "AUTH0_AUDIENCE="+Audience)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() == 0 {
			t.Errorf("exit: got %v, want a non-zero exit status", err)
		}
		if !strings.Contains(stderr.String(), "AUTH0_DOMAIN") {
			t.Errorf("stderr: got %q, want it to name AUTH0_DOMAIN", stderr.String())
		}
	})
	t.Run("serves and stops on SIGTERM", checkSignal)
}

// child returns a command re-executing the test binary as the example,
// with only the given variables in its environment.
func child(t *testing.T, vars ...string) *exec.Cmd {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append([]string{childEnv + "=1"}, vars...)
	return cmd
}

func checkSignal(t *testing.T) {
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	cmd := child(t, "AUTH0_DOMAIN="+ten.Domain(), "AUTH0_AUDIENCE="+Audience, "ADDR=127.0.0.1:0")
	out := &announcement{addr: make(chan string, 1)}
	cmd.Stderr = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	var addr string
	select {
	case addr = <-out.addr:
	case err := <-exited:
		t.Fatalf("the example exited before listening: %v; stderr %q", err, out.String())
	}
	if got := adaptertest.Get(t, "http://"+addr+"/api/public").Status; got != http.StatusOK {
		t.Errorf("GET /api/public: got %d, want %d", got, http.StatusOK)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err != nil {
		t.Errorf("exit after SIGTERM: got %v, want status 0; stderr %q", err, out.String())
	}
}

// announcement collects the child's stderr and passes on the address of
// its first "listening on ADDR" line.
type announcement struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string
	sent bool
}

func (a *announcement) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.buf.Write(p)
	if a.sent {
		return len(p), nil
	}
	for line := range strings.Lines(a.buf.String()) {
		addr, ok := strings.CutPrefix(line, "listening on ")
		if ok && strings.HasSuffix(addr, "\n") {
			a.addr <- strings.TrimSpace(addr)
			a.sent = true
			break
		}
	}
	return len(p), nil
}

func (a *announcement) String() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.buf.String()
}
