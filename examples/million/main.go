// Command million is asyncio's famous demonstration in Go: start a million
// tasks that each sleep one second, cancellably, collect them as they
// complete, and see that it takes about one second plus the cost of the
// tasks, and how much memory that cost is.
//
// Usage:
//
//	million [-n N] [-d DURATION] [-variants LIST] [-rounds R] [-memprofile PREFIX] [-cpuprofile PREFIX]
//
// Each variant runs in its own process (the binary re-executes itself with
// -variant), so that each one's peak memory is its own:
//
//   - tulip: N tasks started with future.Go, each in future.Sleep(ctx, d),
//     collected with ascompleted.Of;
//   - bare: N goroutines, each waiting for a timer or the context's end,
//     then reporting on one buffered channel that main reads N times.
//
// For each it prints the wall time (from the first task started to the
// last collected), the time it took to start all of them, and the peak
// resident memory (VmHWM from /proc/self/status on Linux; elsewhere the
// largest Go runtime total seen while it runs), then tulip's ratios to bare.
// With -rounds R it runs the variants R times, alternating, and compares
// their medians. Results go to standard output, progress to standard error.
// Ctrl-C cancels every sleeping task; the program then reports what
// finished and exits with status 130.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
