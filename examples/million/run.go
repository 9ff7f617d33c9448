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
}

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("million", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: million [-n N] [-d DURATION] [-variants LIST] [-memprofile PREFIX] [-cpuprofile PREFIX]")
		fmt.Fprintln(stderr, "Starts N tasks that each sleep DURATION, collects them as they complete,")
		fmt.Fprintln(stderr, "and prints the wall time and peak memory of each variant, each in its own process.")
		fs.PrintDefaults()
	}
	fs.IntVar(&o.n, "n", 1_000_000, "number of tasks")
	fs.DurationVar(&o.d, "d", time.Second, "how long each task sleeps")
	list := fs.String("variants", "bare,tulip", "comma-separated variants to run, in order: bare, tulip")
	fs.StringVar(&o.variant, "variant", "", "run only this variant, in this process, and print its result as one line (what million runs its children with)")
	fs.StringVar(&o.memprofile, "memprofile", "", "write each variant's heap profile to PREFIX.VARIANT (see allocations with go tool pprof -sample_index=alloc_space)")
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
	finished, err := variants[o.variant](ctx, o.n, o.d, func() {
		fmt.Fprintf(stderr, "%s: %s tasks started in %v\n", o.variant, thousands(o.n), time.Since(start).Round(time.Millisecond))
	})
	r := result{variant: o.variant, n: o.n, finished: finished, wall: time.Since(start), peak: meter.stop(), source: meter.source}
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

// parent runs each variant in a child process, one after the other, and
// prints the table and tulip's ratios to bare.
func parent(ctx context.Context, o options, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "million: cannot re-execute myself:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s tasks, each sleeping %v\n", thousands(o.n), o.d)
	fmt.Fprintf(stdout, "%-8s %10s %12s\n", "variant", "wall", "peak memory")
	got := map[string]result{}
	for _, name := range o.variants {
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
		r, perr := parseResult(strings.TrimSpace(out.String()))
		if perr != nil {
			fmt.Fprintf(stderr, "million: variant %s: %v (%v)\n", name, perr, runErr)
			if ctx.Err() != nil {
				return exitInterrupted
			}
			return exitFailure
		}
		if r.finished < r.n {
			fmt.Fprintf(stdout, "%-8s interrupted after %v: %s of %s tasks finished\n", name, r.wall.Round(time.Millisecond), thousands(r.finished), thousands(r.n))
			return exitInterrupted
		}
		fmt.Fprintf(stdout, "%-8s %9.2fs %12s\n", name, r.wall.Seconds(), bytesIEC(r.peak))
		got[name] = r
		if ctx.Err() != nil {
			return exitInterrupted
		}
	}
	t, okT := got["tulip"]
	b, okB := got["bare"]
	if okT && okB {
		fmt.Fprintf(stdout, "tulip/bare: wall %.2f×, peak memory %.2f× (targets ≤ 1.3×, ≤ 1.5×)\n",
			t.wall.Seconds()/b.wall.Seconds(), float64(t.peak)/float64(b.peak))
	}
	return 0
}
