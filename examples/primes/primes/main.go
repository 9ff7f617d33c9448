// Command primes checks the book's 20 numbers for primality sequentially,
// on N goroutines, or through a future.Executor, and prints each number with
// P for a prime and the time its check took, then the total time (Fluent
// Python 2e, 19-concurrency/primes and 20-executors/primes).
//
// Usage:
//
//	primes [-mode sequential|goroutines|executor] [-numbers N,N,...] [WORKERS]
//
// WORKERS defaults to the number of CPUs Go may use (GOMAXPROCS), as the
// book's procs.py defaults to cpu_count(). Results go to standard output;
// Ctrl-C stops the checks.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/tulipgo/tulip/examples/primes"
	"github.com/tulipgo/tulip/future"
)

const maxWorkers = 1024

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func parseNumbers(s string) ([]uint64, error) {
	var ns []uint64
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.ParseUint(strings.ReplaceAll(strings.TrimSpace(f), "_", ""), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("-numbers: %q is not a non-negative integer", f)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

// run is the command; it returns the exit status (2 for a usage error, 130
// when interrupted).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("primes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mode := fs.String("mode", "goroutines", "sequential, goroutines or executor")
	list := fs.String("numbers", "", "comma-separated numbers to check instead of the book's 20")
	usage := "usage: primes [-mode sequential|goroutines|executor] [-numbers N,N,...] [WORKERS]"
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "primes: "+format+"\n%s\n", append(a, usage)...)
		return 2
	}
	workers := runtime.GOMAXPROCS(0)
	switch fs.NArg() {
	case 0:
	case 1:
		n, err := strconv.Atoi(fs.Arg(0))
		if err != nil || n < 1 || n > maxWorkers {
			return usageErr("WORKERS must be an integer from 1 to %d, not %q", maxWorkers, fs.Arg(0))
		}
		workers = n
	default:
		return usageErr("too many arguments")
	}
	numbers := primes.Numbers()
	if *list != "" {
		var err error
		if numbers, err = parseNumbers(*list); err != nil {
			return usageErr("%v", err)
		}
	}

	var results iter.Seq2[primes.Result, error]
	switch *mode {
	case "sequential":
		fmt.Fprintf(stdout, "Checking %d numbers sequentially:\n", len(numbers))
		results = primes.Sequential(ctx, numbers)
	case "goroutines":
		fmt.Fprintf(stdout, "Checking %d numbers with %d goroutines:\n", len(numbers), workers)
		results = primes.Goroutines(ctx, numbers, workers)
	case "executor":
		ex := future.NewExecutor(workers)
		defer ex.Close()
		fmt.Fprintf(stdout, "Checking %d numbers with an Executor of %d workers:\n", len(numbers), workers)
		results = primes.WithExecutor(ctx, ex, numbers)
	default:
		return usageErr("-mode %q: want sequential, goroutines or executor", *mode)
	}
	t0 := time.Now()
	checked := 0
	for r, err := range results {
		if err != nil {
			fmt.Fprintln(stderr, "primes: interrupted")
			return 130
		}
		label := " "
		if r.Prime {
			label = "P"
		}
		fmt.Fprintf(stdout, "%16d  %s %9.6fs\n", r.N, label, r.Elapsed.Seconds())
		checked++
	}
	elapsed := time.Since(t0).Seconds()
	if *mode == "sequential" {
		fmt.Fprintf(stdout, "Total time: %.2fs\n", elapsed)
	} else {
		fmt.Fprintf(stdout, "%d checks in %.2fs\n", checked, elapsed)
	}
	return 0
}
