// Command thread is the book's spinner_thread.py in Go: a supervisor starts a
// spinner on its own goroutine, runs a slow function, then signals the
// spinner to stop and waits for it (the thread's Event and join).
//
// Usage:
//
//	thread [-delay DURATION] [-run]
//
// The spinner draws on standard error; "spinner object" and the answer go to
// standard output. With -run the same supervisor is spinner.Run.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/tulipgo/tulip/spinner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// slow is the book's slow(): it sleeps, then returns 42. Unlike the book's it
// can be interrupted.
func slow(ctx context.Context, delay time.Duration) (int, error) {
	select {
	case <-time.After(delay):
		return 42, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// supervisor starts the spinner goroutine, shows it, waits for slow and then
// stops the spinner: Stop is the stop signal plus the join.
func supervisor(ctx context.Context, out io.Writer, delay time.Duration, opts []spinner.Option) (int, error) {
	s := spinner.Start(ctx, "thinking!", opts...)
	fmt.Fprintf(out, "spinner object: %v\n", s)
	result, err := slow(ctx, delay)
	s.Stop()
	return result, err
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...spinner.Option) int {
	fs := flag.NewFlagSet("thread", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: thread [-delay DURATION] [-run]")
		fs.PrintDefaults()
	}
	delay := fs.Duration("delay", 3*time.Second, "how long slow() takes")
	useRun := fs.Bool("run", false, "use spinner.Run instead of the hand-written supervisor")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *delay < 0 {
		fmt.Fprintln(stderr, "usage: thread [-delay DURATION] [-run]")
		return 2
	}
	opts = append([]spinner.Option{spinner.WithWriter(stderr)}, opts...)
	var (
		answer int
		err    error
	)
	if *useRun {
		answer, err = spinner.Run(ctx, "thinking!", func(ctx context.Context) (int, error) { return slow(ctx, *delay) }, opts...)
	} else {
		answer, err = supervisor(ctx, stdout, *delay, opts)
	}
	if err != nil {
		fmt.Fprintln(stderr, "thread: interrupted")
		return 130
	}
	fmt.Fprintln(stdout, "Answer:", answer)
	return 0
}
