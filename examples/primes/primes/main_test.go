package main

import (
	"bytes"
	"context"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func runPrimes(ctx context.Context, t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// The book's line format, {n:16}  {P or space} {secs:9.6f}s.
var line = regexp.MustCompile(`^ *(\d+)  ([P ]) +\d+\.\d{6}s$`)

func TestModes(t *testing.T) {
	header := map[string]string{
		"sequential": "Checking 4 numbers sequentially:",
		"goroutines": "Checking 4 numbers with 3 goroutines:",
		"executor":   "Checking 4 numbers with an Executor of 3 workers:",
	}
	for mode, want := range header {
		code, out, errOut := runPrimes(context.Background(), t, "-mode", mode, "-numbers", "2,1_000_003,1000004, 15", "3")
		require.Equal(t, 0, code, errOut)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		require.Len(t, lines, 6, out)
		require.Equal(t, want, lines[0])
		got := map[string]string{}
		for _, l := range lines[1:5] {
			m := line.FindStringSubmatch(l)
			require.NotNil(t, m, "%q", l)
			require.Equal(t, m[1], strings.TrimLeft(l[:16], " "), "right-aligned in 16 columns: %q", l)
			got[m[1]] = m[2]
		}
		require.Equal(t, map[string]string{"2": "P", "1000003": "P", "1000004": " ", "15": " "}, got)
		if mode == "sequential" {
			require.Regexp(t, `^Total time: \d+\.\d\ds$`, lines[5])
		} else {
			require.Regexp(t, `^4 checks in \d+\.\d\ds$`, lines[5])
		}
	}
}

func TestDefaultWorkersAndNumbers(t *testing.T) {
	// Interrupted at once, so the 20 big numbers cost nothing; the header
	// shows the defaults.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, out, errOut := runPrimes(ctx, t)
	require.Equal(t, 130, code)
	require.Contains(t, out, "Checking 20 numbers with "+itoa(runtime.GOMAXPROCS(0))+" goroutines:\n")
	require.Contains(t, errOut, "interrupted")
	for _, mode := range []string{"sequential", "executor"} {
		code, _, _ := runPrimes(ctx, t, "-mode", mode)
		require.Equal(t, 130, code, mode)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"0"}, {"x"}, {"1", "2"}, {"-mode", "threads"}, {"-numbers", "1,-2"}, {"-numbers", "a"}, {"-what"}, {"5000"},
	} {
		code, out, errOut := runPrimes(context.Background(), t, args...)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, out)
		require.NotEmpty(t, errOut)
	}
	code, _, errOut := runPrimes(context.Background(), t, "-h")
	require.Equal(t, 0, code)
	require.Contains(t, errOut, "usage: primes")
}

// Whatever -numbers holds, parseNumbers never panics, and what it accepts
// prints back to a list that parses to the same numbers.
func FuzzParseNumbers(f *testing.F) {
	for _, s := range []string{"2,3", "1_000_003", " 15 , 16", "", ",", "18446744073709551615", "18446744073709551616", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ns, err := parseNumbers(s)
		if err != nil {
			return
		}
		require.NotEmpty(t, ns)
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = strconv.FormatUint(n, 10)
		}
		again, err := parseNumbers(strings.Join(parts, ","))
		require.NoError(t, err)
		require.Equal(t, ns, again)
	})
}
