package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
pkg: github.com/revup/m2mauth/bench
BenchmarkInbound/floor         	   29010	     40000 ns/op	    1728 B/op	      10 allocs/op
BenchmarkInbound/floor         	   29010	     44000 ns/op	    1728 B/op	      10 allocs/op
BenchmarkInbound/floor         	   29010	     42000 ns/op	    1728 B/op	      10 allocs/op
BenchmarkInbound/core/repeated 	 6043341	       200.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkInbound/gin/bare      	 6043341	       100.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkInbound/gin/m2mgin    	 6043341	       600.0 ns/op	     336 B/op	       2 allocs/op
BenchmarkInbound/peer/slow     	   20000	     84000 ns/op	    9000 B/op	      99 allocs/op
BenchmarkInbound/peer/fast     	   20000	     63000 ns/op	    4000 B/op	      60 allocs/op
BenchmarkKidFlood/core/unknown-kids=100 	       1	    367546 ns/op	         1.000 jwks-fetches	      3922 ns/token
PASS
`

func TestParseKeepsOrderAndGroups(t *testing.T) {
	groups, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 {
		t.Fatalf("got %d groups, want 2", len(groups))
	}
	var names []string
	for _, r := range groups[0].rows {
		names = append(names, r.name)
	}
	want := "floor core/repeated gin/bare gin/m2mgin peer/slow peer/fast"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got rows %q, want %q", got, want)
	}
	if got, _ := groups[0].rows[0].median("ns/op"); got != 42000 {
		t.Errorf("got floor median %v, want 42000", got)
	}
	if got, _ := groups[1].rows[0].median("jwks-fetches"); got != 1 {
		t.Errorf("got jwks-fetches %v, want 1", got)
	}
}

func TestMedianOfEvenCount(t *testing.T) {
	r := &result{values: map[string][]float64{"ns/op": {4, 1, 3, 2}}}
	if got, _ := r.median("ns/op"); got != 2.5 {
		t.Errorf("got %v, want 2.5", got)
	}
	if _, ok := r.median("B/op"); ok {
		t.Error("got a median for a unit with no values")
	}
}

func TestRenderRatiosAndOverBare(t *testing.T) {
	groups, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	render(&b, groups)
	out := b.String()
	for _, want := range []string{
		"| floor | 42.00 µs | 1.00x | 0.67x |  | 1728 | 10 |",
		"| core/repeated | 200 ns | 0.0048x | 0.0032x |  | 0 | 0 |",
		"| gin/m2mgin | 600 ns | 0.0143x | 0.0095x | +500 ns, +2 allocs | 336 | 2 |",
		"Fastest peer: peer/fast, 63.00 µs.",
		"| core/unknown-kids=100 | 367.55 µs |  |  | 1 | 3922 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestParseRejectsEmptyOutput(t *testing.T) {
	if _, err := parse(strings.NewReader("PASS\nok\n")); err == nil {
		t.Error("got no error for output without benchmarks")
	}
}

func TestParseSkipsSkippedBenchmarks(t *testing.T) {
	out := "BenchmarkX/a \t       0\t               NaN ns/op\t       0 B/op\t       0 allocs/op\n" +
		"BenchmarkX/b \t     100\t        12.5 ns/op\t       0 B/op\t       0 allocs/op\n"
	groups, err := parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(groups[0].rows); n != 1 || groups[0].rows[0].name != "b" {
		t.Errorf("got %d rows, first %q; want only b", n, groups[0].rows[0].name)
	}
}

const targetSample = `
BenchmarkInbound/floor 	 1000	 30000 ns/op	 1728 B/op	 10 allocs/op
BenchmarkInbound/core/first-seen 	 1000	 36000 ns/op	 2712 B/op	 22 allocs/op
BenchmarkInbound/core/repeated 	 1000	 80 ns/op	 0 B/op	 0 allocs/op
BenchmarkInbound/core/repeated-header 	 1000	 100 ns/op	 0 B/op	 0 allocs/op
BenchmarkInbound/gin/bare 	 1000	 30 ns/op	 0 B/op	 0 allocs/op
BenchmarkInbound/gin/set-value 	 1000	 190 ns/op	 336 B/op	 2 allocs/op
BenchmarkInbound/gin/m2mgin 	 1000	 350 ns/op	 336 B/op	 2 allocs/op
BenchmarkInbound/chi/bare 	 1000	 250 ns/op	 368 B/op	 2 allocs/op
BenchmarkInbound/chi/set-value 	 1000	 390 ns/op	 736 B/op	 4 allocs/op
BenchmarkInbound/chi/m2mchi 	 1000	 950 ns/op	 736 B/op	 6 allocs/op
`

func TestTargetVerdicts(t *testing.T) {
	groups, err := parse(strings.NewReader(targetSample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	renderTargets(&b, groups)
	out := b.String()
	for _, want := range []string{
		// 36 µs is 1.2 times 30 µs.
		"| first-seen token through core ≤ 1.15× the floor, < 40 allocs | 1.20× (36.00 µs against 30.00 µs), 22 allocs | **not met** |",
		"| repeated token through core < 1 µs, ≤ 2 allocs | 80 ns, 0 allocs; from the header 100 ns, 0 allocs | met |",
		"| repeated token through any adapter < 2 µs | slowest chi/m2mchi, 950 ns | met |",
		// 950 - 250 - 100 = 600 ns, 4 allocs: over both limits.
		"| chi middleware ≤ 0.5 µs and ≤ 3 allocs above core | 600 ns, 4 allocs | **not met** |",
		// 350 - 30 - 100 = 220 ns against set-value's 160 ns.
		"| gin middleware above core close to gin's own cost | 220 ns, 2 allocs; gin/set-value over bare: 160 ns, 2 allocs | met |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("targets lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "net/http middleware") || strings.Contains(out, "outbound") {
		t.Errorf("targets whose rows did not run were printed:\n%s", out)
	}
}
