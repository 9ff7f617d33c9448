package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// A result is one line of go test -bench output: one benchmark, one -count
// repetition.
type result struct {
	bench      string             // "Pool10k" (without "Benchmark")
	contender  string             // "tulip-Map"; "" for a benchmark without sub-benchmarks
	procs      int                // the -cpu suffix; 1 if there is none
	iterations int                // b.N
	metrics    map[string]float64 // unit → value: "ns/op", "B/op", "allocs/op", "ns/task", …
}

// parseRuns reads go test -bench output, keeping the benchmark lines and
// skipping everything else (PASS, ok, log lines). It also returns the
// configuration lines, "key: value" as benchstat reads them: go test's goos,
// pkg and cpu, and those run.sh writes (cpus, cpu-model, memory, go-version,
// date, command).
func parseRuns(r io.Reader) (runs []result, config map[string]string, err error) {
	config = map[string]string{}
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; s.Scan(); line++ {
		text := s.Text()
		if k, v, ok := strings.Cut(text, ": "); ok && configKey.MatchString(k) {
			config[k] = strings.TrimSpace(v)
			continue
		}
		if !strings.HasPrefix(text, "Benchmark") {
			continue
		}
		rn, ok, err := parseLine(text)
		if err != nil {
			return nil, config, fmt.Errorf("line %d: %w", line, err)
		}
		if ok {
			runs = append(runs, rn)
		}
	}
	return runs, config, s.Err()
}

// configKey is benchstat's rule for a configuration line's key: a lower-case
// letter, then no space or upper-case letter.
var configKey = regexp.MustCompile(`^[a-z][^\sA-Z]*$`)

// parseLine parses "BenchmarkX/sub-2  100  123 ns/op  4 B/op ...". A line
// that starts with "Benchmark" but has no iteration count (a name printed
// before a log line, or a "--- FAIL") is not a result: ok is false.
func parseLine(text string) (rn result, ok bool, err error) {
	f := strings.Fields(text)
	if len(f) < 2 {
		return rn, false, nil
	}
	n, convErr := strconv.Atoi(f[1])
	if convErr != nil {
		return rn, false, nil
	}
	if len(f)%2 != 0 {
		return rn, false, fmt.Errorf("odd number of value/unit fields in %q", text)
	}
	rn.iterations = n
	rn.bench, rn.contender, rn.procs = splitName(f[0])
	rn.metrics = make(map[string]float64, (len(f)-2)/2)
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return rn, false, fmt.Errorf("value %q in %q: %w", f[i], text, err)
		}
		rn.metrics[f[i+1]] = v
	}
	return rn, true, nil
}

// splitName splits "BenchmarkPool10k/tulip-Map-2" into "Pool10k",
// "tulip-Map" and 2. The -N suffix is the GOMAXPROCS go test appends; a
// name whose last dash-part is not a number has none (procs 1).
func splitName(name string) (bench, contender string, procs int) {
	name = strings.TrimPrefix(name, "Benchmark")
	procs = 1
	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		if p, err := strconv.Atoi(name[i+1:]); err == nil && p > 0 {
			name, procs = name[:i], p
		}
	}
	bench, contender, _ = strings.Cut(name, "/")
	return bench, contender, procs
}
