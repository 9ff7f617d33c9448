package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// result is one variant's outcome, passed from a child to its parent as one
// line of key=value pairs.
type result struct {
	variant  string
	n        int
	finished int
	wall     time.Duration
	started  time.Duration // until the last task was started
	peak     uint64        // bytes
	source   string        // how peak was measured
}

func (r result) String() string {
	return fmt.Sprintf("result variant=%s n=%d finished=%d wall=%s started=%s peak=%d source=%s",
		r.variant, r.n, r.finished, r.wall, r.started, r.peak, r.source)
}

// parseResult reads a line written by String.
func parseResult(line string) (result, error) {
	var r result
	fields, ok := strings.CutPrefix(line, "result ")
	if !ok {
		return r, fmt.Errorf("no result line in %q", line)
	}
	seen := map[string]bool{}
	for kv := range strings.FieldsSeq(fields) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return r, fmt.Errorf("bad field %q", kv)
		}
		var err error
		switch k {
		case "variant":
			r.variant = v
		case "n":
			r.n, err = strconv.Atoi(v)
		case "finished":
			r.finished, err = strconv.Atoi(v)
		case "wall":
			r.wall, err = time.ParseDuration(v)
		case "started":
			r.started, err = time.ParseDuration(v)
		case "peak":
			r.peak, err = strconv.ParseUint(v, 10, 64)
		case "source":
			r.source = v
		default:
			return r, fmt.Errorf("unknown field %q", k)
		}
		if err != nil {
			return r, fmt.Errorf("field %s: %w", k, err)
		}
		seen[k] = true
	}
	for _, k := range []string{"variant", "n", "finished", "wall", "started", "peak", "source"} {
		if !seen[k] {
			return r, fmt.Errorf("missing field %q in %q", k, line)
		}
	}
	return r, nil
}

// thousands writes n with commas: 1,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// bytesIEC writes a size in MiB or GiB.
func bytesIEC(b uint64) string {
	const mib, gib = 1 << 20, 1 << 30
	if b >= gib {
		return fmt.Sprintf("%.2f GiB", float64(b)/gib)
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/mib)
}
