// Command demo_executor_map is Fluent Python's 20-executors/demo_executor_map.py
// on future.Map: loiter(n) tasks that do nothing for n seconds, run by an
// Executor of 3 workers, each log line stamped [HH:MM:SS] and indented by n
// tabs, and the results printed in input order as they become available.
//
// Usage:
//
//	demo_executor_map [-workers 3] [-tasks 5] [-unit 1s]
//
// -unit is how long "a second" of loitering lasts (for quick runs).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tulipgo/tulip/future"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// logger is the book's display(): a timestamp, a space, the message. Safe
// for the workers to share: one line per call, never interleaved.
type logger struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *logger) display(format string, a ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "[%s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

// loiter does nothing for n units, logging before and after, and returns
// n*10. It ends early, with ctx's error, if ctx ends.
func loiter(ctx context.Context, log *logger, n int, unit time.Duration) (int, error) {
	tabs := strings.Repeat("\t", n)
	d := time.Duration(n) * unit // "4s" with the default unit, as the book prints it
	log.display("%sloiter(%d): doing nothing for %v...", tabs, n, d)
	if err := future.Sleep(ctx, d); err != nil {
		return 0, err
	}
	log.display("%sloiter(%d): done.", tabs, n)
	return n * 10, nil
}

// run is the command; it returns the exit status (2 for a usage error, 130
// when interrupted).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo_executor_map", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", 3, "executor workers (the book's max_workers)")
	tasks := fs.Int("tasks", 5, "loiter tasks: loiter(0) … loiter(tasks-1)")
	unit := fs.Duration("unit", time.Second, "how long each unit of loitering lasts")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: demo_executor_map [-workers 3] [-tasks 5] [-unit 1s]")
		fmt.Fprintln(stderr, "Maps loiter(0) … loiter(tasks-1) over an executor and prints the results in input order.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "demo_executor_map: unexpected argument %q\n", fs.Arg(0))
		return 2
	case *workers < 1 || *workers > 1000:
		fmt.Fprintln(stderr, "demo_executor_map: -workers must be from 1 to 1000")
		return 2
	case *tasks < 0 || *tasks > 100:
		fmt.Fprintln(stderr, "demo_executor_map: -tasks must be from 0 to 100")
		return 2
	case *unit < 0:
		fmt.Fprintln(stderr, "demo_executor_map: -unit must not be negative")
		return 2
	}

	log := &logger{w: stdout}
	log.display("Script starting.")
	ex := future.NewExecutor(*workers)
	defer ex.Close()
	results := future.Map(ctx, ex, slices.Values(seq(*tasks)), func(ctx context.Context, n int) (int, error) {
		return loiter(ctx, log, n, *unit)
	})
	// Python's executor.map submits every call at once and returns a
	// generator; future.Map is lazy: the calls are submitted when the loop
	// below starts pulling.
	log.display("results: %T (lazy)", results)
	log.display("Waiting for individual results:")
	i := 0
	for result, err := range results {
		if err != nil {
			if ctx.Err() != nil {
				fmt.Fprintln(stderr, "demo_executor_map: interrupted")
				return 130
			}
			fmt.Fprintln(stderr, "demo_executor_map:", err)
			return 1
		}
		log.display("result %d: %d", i, result)
		i++
	}
	return 0
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
