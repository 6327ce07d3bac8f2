package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Row names the table treats specially: a group's "floor" row is what
// every other row is divided by, rows under "peer/" are the libraries
// compared with, and a "<x>/bare" row is what the other "<x>/..." rows
// are measured over.
const (
	floorRow   = "floor"
	peerPrefix = "peer/"
	bareRow    = "bare"
)

var standardUnits = []string{"ns/op", "B/op", "allocs/op"}

// render prints one Markdown table per group.
func render(w io.Writer, groups []*group) {
	for _, g := range groups {
		renderGroup(w, g)
	}
}

func renderGroup(w io.Writer, g *group) {
	floor, hasFloor := find(g, floorRow)
	peer, hasPeer := fastestPeer(g)
	bare := hasBare(g)
	extra := extraUnits(g)

	head := []string{"row", "time/op"}
	if hasFloor {
		head = append(head, "× floor")
	}
	if hasPeer {
		head = append(head, "× fastest peer")
	}
	if bare {
		head = append(head, "over bare")
	}
	head = append(head, "B/op", "allocs/op")
	head = append(head, extra...)

	fmt.Fprintf(w, "### %s\n\n", g.name)
	fmt.Fprintf(w, "| %s |\n", strings.Join(head, " | "))
	fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", len(head)))
	for _, r := range g.rows {
		ns, _ := r.median("ns/op")
		cells := []string{r.name, duration(ns)}
		if hasFloor {
			cells = append(cells, ratio(ns, floor))
		}
		if hasPeer {
			cells = append(cells, ratio(ns, peer.ns))
		}
		if bare {
			cells = append(cells, overBare(g, r))
		}
		cells = append(cells, value(r, "B/op"), value(r, "allocs/op"))
		for _, u := range extra {
			cells = append(cells, value(r, u))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	if hasPeer {
		fmt.Fprintf(w, "\nFastest peer: %s, %s.\n", peer.name, duration(peer.ns))
	}
	fmt.Fprintln(w)
}

func find(g *group, name string) (float64, bool) {
	for _, r := range g.rows {
		if r.name == name {
			return r.median("ns/op")
		}
	}
	return 0, false
}

type named struct {
	name string
	ns   float64
}

func fastestPeer(g *group) (named, bool) {
	best := named{ns: math.Inf(1)}
	for _, r := range g.rows {
		ns, ok := r.median("ns/op")
		if ok && strings.HasPrefix(r.name, peerPrefix) && ns < best.ns {
			best = named{r.name, ns}
		}
	}
	return best, best.name != ""
}

func hasBare(g *group) bool {
	return slices.ContainsFunc(g.rows, func(r *result) bool {
		return strings.HasSuffix(r.name, "/"+bareRow)
	})
}

// overBare is what r costs above the bare row of its framework.
func overBare(g *group, r *result) string {
	prefix, last, ok := cutLast(r.name)
	if !ok || last == bareRow {
		return ""
	}
	for _, b := range g.rows {
		if b.name != prefix+"/"+bareRow {
			continue
		}
		ns, _ := r.median("ns/op")
		bns, _ := b.median("ns/op")
		allocs, _ := r.median("allocs/op")
		ballocs, _ := b.median("allocs/op")
		return fmt.Sprintf("+%s, %+g allocs", duration(ns-bns), allocs-ballocs)
	}
	return ""
}

func cutLast(name string) (string, string, bool) {
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		return "", "", false
	}
	return name[:i], name[i+1:], true
}

// extraUnits lists the custom metrics some row of g reports.
func extraUnits(g *group) []string {
	var units []string
	for _, r := range g.rows {
		for _, u := range r.units {
			if !slices.Contains(standardUnits, u) && !slices.Contains(units, u) {
				units = append(units, u)
			}
		}
	}
	return units
}

func value(r *result, unit string) string {
	v, ok := r.median(unit)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%.4g", v)
}

// duration prints nanoseconds the way the issue does: µs with one
// decimal from a microsecond up, whole nanoseconds below.
func duration(ns float64) string {
	switch a := math.Abs(ns); {
	case a >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

func ratio(ns, base float64) string {
	if base == 0 {
		return ""
	}
	r := ns / base
	if r < 0.1 {
		return fmt.Sprintf("%.4fx", r)
	}
	return fmt.Sprintf("%.2fx", r)
}
