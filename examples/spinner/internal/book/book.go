// Package book holds what the book's spinner programs share: slow(), and the
// command-line driver that runs a supervisor (or spinner.Run) and reports.
package book

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tulipgo/tulip/spinner"
)

// Slow is the book's slow(): it sleeps for delay, then returns 42. Unlike the
// book's it can be interrupted through ctx.
func Slow(ctx context.Context, delay time.Duration) (int, error) {
	select {
	case <-time.After(delay):
		return 42, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A Supervisor runs Slow(delay) while a spinner (drawn with opts) shows
// "thinking!", printing "spinner object: ..." to out, and returns Slow's
// outcome once the spinner has stopped.
type Supervisor func(ctx context.Context, out io.Writer, delay time.Duration, opts []spinner.Option) (int, error)

// Main is the whole program named name: flags -delay and -run, the
// supervisor (or spinner.Run with -run), "Answer: 42" on stdout. It returns
// the exit status: 0, 2 for usage errors, 130 when interrupted.
func Main(ctx context.Context, name string, supervise Supervisor, args []string, stdout, stderr io.Writer, opts ...spinner.Option) int {
	usage := "usage: " + name + " [-delay DURATION] [-run]"
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
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
		fmt.Fprintln(stderr, usage)
		return 2
	}
	opts = append([]spinner.Option{spinner.WithWriter(stderr)}, opts...)
	var (
		answer int
		err    error
	)
	if *useRun {
		answer, err = spinner.Run(ctx, "thinking!", func(ctx context.Context) (int, error) { return Slow(ctx, *delay) }, opts...)
	} else {
		answer, err = supervise(ctx, stdout, *delay, opts)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: interrupted\n", name)
		return 130
	}
	fmt.Fprintln(stdout, "Answer:", answer)
	return 0
}
