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
