// Command benchtable runs m2mauth's side-by-side benchmarks and prints
// their medians as Markdown tables, with each row's ratio to the floor
// and to the fastest peer library.
//
// From the repository root:
//
//	go run ./bench/cmd/benchtable
//
// It runs go test -bench in the bench module (and the cache scaling
// benchmark of core) five times by default, each time once over every
// benchmark, so that a burst of load from elsewhere on the machine
// spreads over all rows instead of landing on one. It prints the tables,
// then each target of issue 5 with the figure that meets or misses it.
// The raw output can be kept with -raw and rendered again with -from.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

func main() {
	count := flag.Int("count", 5, "runs of each benchmark; the table shows medians")
	benchtime := flag.String("benchtime", "1s", "go test -benchtime for each run")
	bench := flag.String("bench", ".", "go test -bench pattern")
	from := flag.String("from", "", "render a saved go test output instead of running")
	raw := flag.String("raw", "", "also write the raw go test output to this file")
	flag.Parse()

	load := loadAverage()
	out, err := output(*from, *bench, *benchtime, *count, *raw)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	groups, err := parse(bytes.NewReader(out))
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if *from == "" {
		fmt.Print(machine(*count, *benchtime, load))
	}
	render(os.Stdout, groups)
	renderTargets(os.Stdout, groups)
}

// run is one go test invocation.
type run struct {
	pkg, pattern, skip, cpu string
}

const (
	benchPkg = "github.com/revup/m2mauth/bench"
	corePkg  = "github.com/revup/m2mauth/core"
	// parallelLookup is the token lookup from one goroutine per CPU.
	parallelLookup = "^BenchmarkOutboundToken$/./^parallel$"
)

// runs are made in this order in every pass. Every benchmark runs on
// one CPU, as the figures were taken, except the parallel token
// lookup, which shows lock contention only with two. core holds the
// cache scaling benchmark, which fills the cache from inside; its other
// benchmarks repeat bench's rows and are left out.
var runs = []run{
	{benchPkg, ".", parallelLookup, "1"},
	{benchPkg, parallelLookup, "", "2"},
	{corePkg, "^BenchmarkCacheScaling$", "", "1"},
}

func output(from, bench, benchtime string, count int, raw string) ([]byte, error) {
	if from != "" {
		return os.ReadFile(from)
	}
	var all bytes.Buffer
	for pass := 1; pass <= count; pass++ {
		for i, r := range runs {
			if bench != "." {
				if i > 0 {
					break
				}
				r.pattern, r.skip = bench, ""
			}
			args := []string{"test", "-run", "^$", "-bench", r.pattern, "-benchmem",
				"-cpu", r.cpu, "-count", "1", "-benchtime", benchtime, "-timeout", "30m"}
			if r.skip != "" {
				args = append(args, "-skip", r.skip)
			}
			args = append(args, r.pkg)
			fmt.Fprintf(os.Stderr, "benchtable: pass %d of %d: go %s\n", pass, count, strings.Join(args, " "))
			cmd := exec.Command("go", args...)
			cmd.Stdout = io.MultiWriter(&all, progress{})
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("go test %s: %w", r.pkg, err)
			}
		}
	}
	if raw != "" {
		if err := os.WriteFile(raw, all.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}
	return all.Bytes(), nil
}

// progress echoes each benchmark line to stderr, so that a run of
// several minutes shows it is alive.
type progress struct{}

func (progress) Write(p []byte) (int, error) { return os.Stderr.Write(p) }

// machine describes where the numbers come from.
func machine(count int, benchtime, loadBefore string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s on %s, %d CPUs (GOMAXPROCS 1 unless a row ends in -2), %s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), cpuModel(),
		runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(&b, "Medians of %d interleaved runs of %s each; load average %s before, %s after.\n\n",
		count, benchtime, loadBefore, loadAverage())
	return b.String()
}

func cpuModel() string {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(info), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimLeft(name, " \t:"))
		}
	}
	return runtime.GOARCH
}

func loadAverage() string {
	l, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(l))[:3], " ")
}
