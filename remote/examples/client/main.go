// Command client checks numbers for primality on the remote example's
// workers, printing results in input order, or on a local executor with
// -local for comparison.
//
//	client [-server nats://127.0.0.1:4222] [-n 20] [-start 9999999999999000] [-local]
//
// Results go to stdout, progress and the total time to stderr.
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
	"syscall"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/remote"
	"github.com/tulipgo/tulip/remote/examples/primes"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", nats.DefaultURL, "NATS server URL(s), comma-separated")
	n := fs.Int("n", 20, "how many odd numbers to check")
	start := fs.Int64("start", 9_999_999_999_999_001, "the first number (made odd)")
	local := fs.Bool("local", false, "check on a local executor instead of the workers")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: client [-server URL] [-n N] [-start N] [-local]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *n < 0 || *start < 1 {
		fs.Usage()
		return 2
	}
	numbers := func(yield func(int64) bool) {
		for i := range int64(*n) {
			if !yield(*start | 1 + 2*i) {
				return
			}
		}
	}
	var results iter.Seq2[primes.Result, error]
	if *local {
		ex := future.NewExecutor(runtime.NumCPU())
		defer ex.Close()
		fmt.Fprintf(stderr, "Checking %d numbers on %d local workers:\n", *n, ex.MaxWorkers())
		results = future.Map(ctx, ex, iter.Seq[int64](numbers), primes.Run)
	} else {
		nc, err := nats.Connect(*server, nats.MaxReconnects(-1), nats.Name("tulip-primes-client"))
		if err != nil {
			fmt.Fprintln(stderr, "client:", err)
			return 1
		}
		defer nc.Close()
		c, err := remote.NewClient(nc)
		if err != nil {
			fmt.Fprintln(stderr, "client:", err)
			return 1
		}
		defer c.Close()
		fmt.Fprintf(stderr, "Checking %d numbers on the workers at %s:\n", *n, nc.ConnectedUrl())
		results = remote.Map(ctx, c, primes.Check, iter.Seq[int64](numbers))
	}
	t0 := time.Now()
	failed := 0
	for r, err := range results {
		if err != nil {
			fmt.Fprintln(stderr, "client:", err)
			failed++
			if ctx.Err() != nil {
				break
			}
			continue
		}
		mark := " "
		if r.Prime {
			mark = "P"
		}
		fmt.Fprintf(stdout, "%16d  %s  %9.6fs  %s\n", r.N, mark, r.Elapsed.Seconds(), r.Host)
	}
	fmt.Fprintf(stderr, "Total time: %.2fs\n", time.Since(t0).Seconds())
	if failed > 0 {
		return 1
	}
	return 0
}
