package main

import (
	"regexp"
	"slices"
	"strings"
)

// A workload is one benchmark function: its contenders, each run at one or
// more GOMAXPROCS values.
type workload struct {
	bench      string
	unit       string // the per-item unit shown ("ns/task"), or "ns/op"
	item       string // what one item is ("task"), or "op"
	procs      []int  // ascending
	contenders []*contender
}

// A contender's medians over its repetitions, per GOMAXPROCS.
type contender struct {
	name string
	kind kind
	at   map[int]*stats
}

type kind int

const (
	peer     kind = iota // another library
	ours                 // tulip
	baseline             // hand-written code
	other                // shown, but a different kind of tool: nobody's rival
)

type stats struct {
	runs             int
	median, min, max float64 // in the workload's unit
	allocs, bytes    float64 // per item, medians
}

// standard units every benchmark has; any other unit is a per-item metric.
var standard = map[string]bool{"ns/op": true, "B/op": true, "allocs/op": true, "MB/s": true}

// summarize groups runs into workloads, in the order they first appear.
// Contenders whose names match baselines are hand-written baselines; names
// starting with "tulip" are ours; those matching others (nil: none) are shown
// but compared with nothing; the rest are peers.
func summarize(runs []result, baselines, others *regexp.Regexp) []*workload {
	var ws []*workload
	byName := map[string]*workload{}
	type key struct {
		bench, contender string
		procs            int
	}
	samples := map[key][]result{}
	for _, r := range runs {
		w := byName[r.bench]
		if w == nil {
			w = &workload{bench: r.bench, unit: "ns/op", item: "op"}
			byName[r.bench] = w
			ws = append(ws, w)
		}
		for u := range r.metrics {
			if !standard[u] && strings.HasPrefix(u, "ns/") {
				w.unit, w.item = u, strings.TrimPrefix(u, "ns/")
			}
		}
		if !slices.Contains(w.procs, r.procs) {
			w.procs = append(w.procs, r.procs)
			slices.Sort(w.procs)
		}
		c := w.find(r.contender)
		if c == nil {
			c = &contender{name: r.contender, kind: classify(r.contender, baselines, others), at: map[int]*stats{}}
			w.contenders = append(w.contenders, c)
		}
		k := key{r.bench, r.contender, r.procs}
		samples[k] = append(samples[k], r)
	}
	for _, w := range ws {
		for _, c := range w.contenders {
			for _, p := range w.procs {
				if rs := samples[key{w.bench, c.name, p}]; len(rs) > 0 {
					c.at[p] = w.stats(rs)
				}
			}
		}
	}
	return ws
}

func classify(name string, baselines, others *regexp.Regexp) kind {
	switch {
	case strings.HasPrefix(name, "tulip"):
		return ours
	case others != nil && others.MatchString(name):
		return other
	case baselines.MatchString(name):
		return baseline
	}
	return peer
}

func (w *workload) find(name string) *contender {
	for _, c := range w.contenders {
		if c.name == name {
			return c
		}
	}
	return nil
}

// stats computes the medians of rs in w's unit. A run's item count is its
// ns/op over its ns/item (1 when the unit is ns/op), so allocations and
// bytes are shown per item too.
func (w *workload) stats(rs []result) *stats {
	var vals, allocs, bytes []float64
	for _, r := range rs {
		v, ok := r.metrics[w.unit]
		if !ok {
			continue
		}
		items := 1.0
		if w.unit != "ns/op" && v > 0 {
			items = r.metrics["ns/op"] / v
		}
		vals = append(vals, v)
		allocs = append(allocs, r.metrics["allocs/op"]/items)
		bytes = append(bytes, r.metrics["B/op"]/items)
	}
	if len(vals) == 0 {
		return nil
	}
	return &stats{
		runs:   len(vals),
		median: median(vals),
		min:    slices.Min(vals),
		max:    slices.Max(vals),
		allocs: median(allocs),
		bytes:  median(bytes),
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// best returns the fastest contender of kind k at procs p (nil if none).
func (w *workload) best(k kind, p int) *contender {
	var b *contender
	for _, c := range w.contenders {
		if c.kind != k || c.at[p] == nil {
			continue
		}
		if b == nil || c.at[p].median < b.at[p].median {
			b = c
		}
	}
	return b
}

// rival is what tulip is compared with at procs p: the best peer library,
// or, in a workload with none, the best baseline.
func (w *workload) rival(p int) (c *contender, what string) {
	if c := w.best(peer, p); c != nil {
		return c, "best peer"
	}
	if c := w.best(baseline, p); c != nil {
		return c, "best baseline"
	}
	return nil, ""
}
