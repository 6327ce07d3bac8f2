package main

import (
	"bufio"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// group is the rows of one top-level benchmark, such as Inbound, in the
// order they first ran.
type group struct {
	name string
	rows []*result
}

// result is every run of one benchmark: for each unit ("ns/op",
// "allocs/op", or a custom one), the values of the runs.
type result struct {
	name   string
	values map[string][]float64
	units  []string
}

// median returns the median of the runs for unit, and whether there is
// one.
func (r *result) median(unit string) (float64, bool) {
	v := slices.Clone(r.values[unit])
	if len(v) == 0 {
		return 0, false
	}
	slices.Sort(v)
	if n := len(v); n%2 == 0 {
		return (v[n/2-1] + v[n/2]) / 2, true
	}
	return v[len(v)/2], true
}

// parse reads go test -bench output. A benchmark line is its name, the
// iteration count, then value-unit pairs; every other line is skipped.
func parse(r io.Reader) ([]*group, error) {
	var groups []*group
	byName := map[string]*result{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name, values, ok := benchLine(sc.Text())
		if !ok {
			continue
		}
		res := byName[name]
		if res == nil {
			res = &result{name: name, values: map[string][]float64{}}
			byName[name] = res
			groups = addTo(groups, res)
		}
		for _, v := range values {
			if _, seen := res.values[v.unit]; !seen {
				res.units = append(res.units, v.unit)
			}
			res.values[v.unit] = append(res.values[v.unit], v.value)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(groups) == 0 {
		return nil, errors.New("no benchmark results in the output")
	}
	return groups, nil
}

// addTo files res under its group: the part of its name before the
// first slash, without the Benchmark prefix.
func addTo(groups []*group, res *result) []*group {
	gname, rname, _ := strings.Cut(strings.TrimPrefix(res.name, "Benchmark"), "/")
	res.name = rname
	if rname == "" {
		res.name = gname
	}
	for _, g := range groups {
		if g.name == gname {
			g.rows = append(g.rows, res)
			return groups
		}
	}
	return append(groups, &group{name: gname, rows: []*result{res}})
}

type measure struct {
	value float64
	unit  string
}

func benchLine(line string) (string, []measure, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
		return "", nil, false
	}
	// A benchmark that was skipped reports 0 iterations and NaN ns/op.
	if n, err := strconv.Atoi(f[1]); err != nil || n == 0 {
		return "", nil, false
	}
	var ms []measure
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return "", nil, false
		}
		ms = append(ms, measure{v, f[i+1]})
	}
	return f[0], ms, true
}
