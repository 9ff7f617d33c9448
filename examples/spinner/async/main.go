// Command async is the book's spinner_async.py in Go: the spinner runs as a
// task (future.Go), the supervisor awaits the slow function and then cancels
// the spinner task, which cleans up its line when its context is cancelled.
//
// Usage:
//
//	async [-delay DURATION] [-run]
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
	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/spinner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// spin is the book's spin coroutine: it spins until its context is cancelled.
func spin(ctx context.Context, msg string, opts []spinner.Option) (struct{}, error) {
	s := spinner.Start(ctx, msg, opts...)
	<-ctx.Done()
	s.Stop() // returns once the line is clean
	return struct{}{}, ctx.Err()
}

// supervisor: create the spinner task, show it, await slow, cancel the task.
// asyncio runs a new task only when its creator first awaits, so the book's
// "spinner object" line is printed before the spinner draws; future.Go
// starts at once, so the task waits for the supervisor's go-ahead. (Printed
// while it spins, the line would land on the spinner's line: standard output
// and the spinner's standard error are one terminal.)
func supervisor(ctx context.Context, out io.Writer, delay time.Duration, opts []spinner.Option) (int, error) {
	goAhead := make(chan struct{})
	spinnerTask := future.Go(ctx, func(ctx context.Context) (struct{}, error) {
		select {
		case <-goAhead:
		case <-ctx.Done():
			return struct{}{}, ctx.Err()
		}
		return spin(ctx, "thinking!", opts)
	})
	fmt.Fprintf(out, "spinner object: %v\n", spinnerTask)
	close(goAhead) // the supervisor's first await
	result, err := future.Go(ctx, func(ctx context.Context) (int, error) { return book.Slow(ctx, delay) }).Result(ctx)
	spinnerTask.Cancel()
	_, _ = spinnerTask.Result(context.Background()) // wait until it has cleaned up
	return result, err
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...spinner.Option) int {
	return book.Main(ctx, "async", supervisor, args, stdout, stderr, opts...)
}
