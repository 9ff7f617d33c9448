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
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/tulipgo/tulip/examples/spinner/internal/book"
	"github.com/tulipgo/tulip/spinner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// supervisor makes the spinner, shows it, starts its goroutine, waits for
// slow and then stops the spinner: Stop is the stop signal plus the join.
// As in the book, the spinner object is printed before it starts: standard
// output and the spinner's standard error are one terminal, and a line
// printed while it spins would land on the spinner's line.
func supervisor(ctx context.Context, out io.Writer, delay time.Duration, opts []spinner.Option) (int, error) {
	s := spinner.New("thinking!", opts...)
	fmt.Fprintf(out, "spinner object: %v\n", s)
	s.Restart(ctx) // the thread's start()
	result, err := book.Slow(ctx, delay)
	s.Stop()
	return result, err
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...spinner.Option) int {
	return book.Main(ctx, "thread", supervisor, args, stdout, stderr, opts...)
}
