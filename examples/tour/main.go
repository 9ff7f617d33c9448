// Command tour runs a few futures side by side and shows what waiting,
// deadlines and cancellation do to them. It needs no network.
//
// Usage:
//
//	tour [-scale DURATION]
//
// Three tasks sleep for 1, 2 and 3 units (a unit is -scale, 1s by default);
// all three run at once, so they finish after about 3 units, not 6. A fourth
// task would take 10 units, but the program waits for it with a deadline of
// 4 units and then cancels it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/tulipgo/tulip/future"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program, with its arguments, outputs and exit status made
// explicit for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tour", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scale := fs.Duration("scale", time.Second, "length of one time `unit`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: tour [-scale DURATION]")
		fmt.Fprintln(stderr, "Starts four tasks with future.Go, waits for three, then for the fourth with a deadline, and cancels it.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *scale <= 0 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: tour [-scale DURATION] (DURATION > 0)")
		return 2
	}

	t0 := time.Now()
	elapsed := func() string { return fmt.Sprintf("%.1f", float64(time.Since(t0))/float64(*scale)) }
	slow := func(units int) func(context.Context) (int, error) {
		return func(ctx context.Context) (int, error) {
			select {
			case <-time.After(time.Duration(units) * *scale):
				return units * 10, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
	}

	tasks := []*future.Future[int]{
		future.Go(ctx, slow(1)), future.Go(ctx, slow(2)), future.Go(ctx, slow(3)),
	}
	for i := range tasks {
		unit := "units"
		if i == 0 {
			unit = "unit"
		}
		fmt.Fprintf(stdout, "started task %d (%d %s)\n", i+1, i+1, unit)
	}
	for i, t := range tasks {
		v, err := t.Result(ctx)
		if ctx.Err() != nil { // Ctrl-C: the tasks were cancelled with ctx
			fmt.Fprintln(stderr, "tour: interrupted")
			return 130
		}
		if err != nil {
			fmt.Fprintf(stderr, "tour: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "[%s units] task %d returned %d: %v\n", elapsed(), i+1, v, t)
	}

	long := future.Go(ctx, slow(10))
	wctx, cancel := context.WithTimeout(ctx, 4**scale-time.Since(t0))
	defer cancel()
	_, err := long.Result(wctx)
	if ctx.Err() != nil { // Ctrl-C during the wait: ctx cancelled the task too
		_, _ = long.Result(context.Background())
		fmt.Fprintln(stderr, "tour: interrupted")
		return 130
	}
	if err != nil {
		fmt.Fprintf(stdout, "[%s units] waited for the long task: %v; still %v\n", elapsed(), err, long.State())
	}
	fmt.Fprintf(stdout, "cancel accepted: %v\n", long.Cancel())
	_, err = long.Result(ctx)
	fmt.Fprintf(stdout, "[%s units] long task: %v (%v)\n", elapsed(), long, err)
	return 0
}
