package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
)

// Exit statuses: a usage error is 2, Ctrl-C is 130 (128 + SIGINT).
const (
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

type options struct {
	n          int
	d          time.Duration
	variants   []string
	variant    string // set in a child: run this one variant here
	memprofile string
	cpuprofile string
	rounds     int
}

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("million", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: million [-n N] [-d DURATION] [-variants LIST] [-rounds R] [-memprofile PREFIX] [-cpuprofile PREFIX]")
		fmt.Fprintln(stderr, "Starts N tasks that each sleep DURATION, collects them as they complete,")
		fmt.Fprintln(stderr, "and prints the wall time and peak memory of each variant, each in its own process.")
		fs.PrintDefaults()
	}
	fs.IntVar(&o.n, "n", 1_000_000, "number of tasks")
	fs.DurationVar(&o.d, "d", time.Second, "how long each task sleeps")
	list := fs.String("variants", "bare,tulip", "comma-separated variants to run, in order: bare, tulip")
	fs.StringVar(&o.variant, "variant", "", "run only this variant, in this process, and print its result as one line (what million runs its children with)")
	fs.StringVar(&o.memprofile, "memprofile", "", "write each variant's heap profile to PREFIX.VARIANT (see allocations with go tool pprof -sample_index=alloc_space)")
	fs.IntVar(&o.rounds, "rounds", 1, "run the variants this many times, alternating, and compare the medians (a loaded machine is noisy)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write each variant's CPU profile to PREFIX.VARIANT")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.n < 1 {
		return o, fmt.Errorf("-n %d: need at least one task", o.n)
	}
	if o.rounds < 1 {
		return o, fmt.Errorf("-rounds %d: need at least one", o.rounds)
	}
	if o.d < 0 {
		return o, fmt.Errorf("-d %v: the sleep cannot be negative", o.d)
	}
	for _, name := range strings.Split(*list, ",") {
		if _, ok := variants[name]; !ok {
			return o, fmt.Errorf("-variants: unknown variant %q (want bare or tulip)", name)
		}
		o.variants = append(o.variants, name)
	}
	if _, ok := variants[o.variant]; o.variant != "" && !ok {
		return o, fmt.Errorf("-variant: unknown variant %q (want bare or tulip)", o.variant)
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "million:", err)
		return exitUsage
	}
	if o.variant != "" {
		return child(ctx, o, stdout, stderr)
	}
	return parent(ctx, o, stdout, stderr)
}

// child runs one variant in this process and prints its result line.
func child(ctx context.Context, o options, stdout, stderr io.Writer) int {
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile + "." + o.variant)
		if err != nil {
			fmt.Fprintln(stderr, "million:", err)
			return exitFailure
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "million:", err)
			return exitFailure
		}
		defer pprof.StopCPUProfile()
	}
	meter := startPeakMeter()
	start := time.Now()
	var started time.Duration
	finished, err := variants[o.variant](ctx, o.n, o.d, func() {
		started = time.Since(start)
		fmt.Fprintf(stderr, "%s: %s tasks started in %v\n", o.variant, thousands(o.n), started.Round(time.Millisecond))
	})
	r := result{variant: o.variant, n: o.n, finished: finished, wall: time.Since(start), started: started, peak: meter.stop(), source: meter.source}
	fmt.Fprintln(stdout, r)
	if o.memprofile != "" {
		if perr := writeHeapProfile(o.memprofile + "." + o.variant); perr != nil {
			fmt.Fprintln(stderr, "million:", perr)
			return exitFailure
		}
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return exitInterrupted
	case err != nil:
		fmt.Fprintln(stderr, "million:", err)
		return exitFailure
	}
	return 0
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// parent runs each variant in a child process, one after the other, rounds
// times, and prints the table and tulip's ratios to bare (of the medians,
// with several rounds).
func parent(ctx context.Context, o options, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "million: cannot re-execute myself:", err)
		return exitFailure
	}
	rounds := ""
	if o.rounds > 1 {
		rounds = fmt.Sprintf(", %d rounds", o.rounds)
	}
	fmt.Fprintf(stdout, "%s tasks, each sleeping %v%s\n", thousands(o.n), o.d, rounds)
	fmt.Fprintf(stdout, "%-8s %10s %12s %12s\n", "variant", "wall", "all started", "peak memory")
	got := map[string][]result{}
	for range o.rounds {
		for _, name := range o.variants {
			r, code := runChild(ctx, exe, o, name, stderr)
			if code != 0 {
				return code
			}
			if r.finished < r.n {
				fmt.Fprintf(stdout, "%-8s interrupted after %v: %s of %s tasks finished\n", name, r.wall.Round(time.Millisecond), thousands(r.finished), thousands(r.n))
				return exitInterrupted
			}
			printRow(stdout, name, r)
			got[name] = append(got[name], r)
			if ctx.Err() != nil {
				return exitInterrupted
			}
		}
	}
	med := map[string]result{}
	for name, rs := range got {
		med[name] = medianResult(rs)
	}
	if o.rounds > 1 {
		fmt.Fprintf(stdout, "median of %d rounds:\n", o.rounds)
		for _, name := range o.variants {
			printRow(stdout, name, med[name])
		}
	}
	t, okT := med["tulip"]
	b, okB := med["bare"]
	if okT && okB {
		fmt.Fprintf(stdout, "tulip/bare: wall %.2f×, peak memory %.2f× (targets ≤ 1.3×, ≤ 1.5×)\n",
			t.wall.Seconds()/b.wall.Seconds(), float64(t.peak)/float64(b.peak))
	}
	return 0
}

func printRow(w io.Writer, name string, r result) {
	fmt.Fprintf(w, "%-8s %9.2fs %11.2fs %12s\n", name, r.wall.Seconds(), r.started.Seconds(), bytesIEC(r.peak))
}

// runChild runs one variant in a child process and returns its result, or
// a non-zero exit status if there is none.
func runChild(ctx context.Context, exe string, o options, name string, stderr io.Writer) (result, int) {
	args := []string{"-variant", name, "-n", fmt.Sprint(o.n), "-d", o.d.String()}
	if o.memprofile != "" {
		args = append(args, "-memprofile", o.memprofile)
	}
	if o.cpuprofile != "" {
		args = append(args, "-cpuprofile", o.cpuprofile)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	// Ctrl-C reaches the child from the terminal too; this covers a
	// parent interrupted alone. The child then cancels its tasks.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, stderr
	runErr := cmd.Run()
	r, err := parseResult(strings.TrimSpace(out.String()))
	if err != nil {
		fmt.Fprintf(stderr, "million: variant %s: %v (%v)\n", name, err, runErr)
		if ctx.Err() != nil {
			return r, exitInterrupted
		}
		return r, exitFailure
	}
	return r, 0
}

// medianResult takes the median of each measure separately.
func medianResult(rs []result) result {
	r := rs[0]
	r.wall = medianOf(rs, func(r result) time.Duration { return r.wall })
	r.started = medianOf(rs, func(r result) time.Duration { return r.started })
	r.peak = medianOf(rs, func(r result) uint64 { return r.peak })
	return r
}

func medianOf[T time.Duration | uint64](rs []result, get func(result) T) T {
	vs := make([]T, len(rs))
	for i, r := range rs {
		vs[i] = get(r)
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}
