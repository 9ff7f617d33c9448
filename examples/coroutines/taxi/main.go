// Command taxi runs the taxi fleet simulation of Fluent Python's first
// edition (16-coroutine/taxi_sim.py): each taxi is a coroutine that is sent
// the simulated time and yields its next event, and a discrete-event
// simulator advances the clock from event to event.
//
// Usage:
//
//	taxi [-e END_TIME] [-t TAXIS] [-s SEED]
//
// Taxi i leaves the garage at minute 5·i and makes (i+1)·2 trips. With a
// seed the run is the one CPython's random gives for that seed: `taxi -s 3
// -e 120` prints exactly the book's sample run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/tulipgo/tulip/examples/coroutines/pyrandom"
)

const (
	defaultEndTime = 180
	defaultTaxis   = 3
	maxTaxis       = 10_000 // each is a paused coroutine: bound the memory
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// seedFlag is an optional integer flag: -s/--seed.
type seedFlag struct {
	set bool
	v   int64
}

func (s *seedFlag) String() string {
	if !s.set {
		return ""
	}
	return strconv.FormatInt(s.v, 10)
}

func (s *seedFlag) Set(v string) error {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return errors.New("not an integer")
	}
	s.v, s.set = n, true
	return nil
}

// run is the command: it parses args, simulates and prints the events to
// stdout. It returns the exit status: 0, or 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("taxi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var endTime, taxis int
	var seed seedFlag
	fs.IntVar(&endTime, "e", defaultEndTime, "simulation end time (short for -end-time)")
	fs.IntVar(&endTime, "end-time", defaultEndTime, "simulation end time, in minutes")
	fs.IntVar(&taxis, "t", defaultTaxis, "number of taxis (short for -taxis)")
	fs.IntVar(&taxis, "taxis", defaultTaxis, "number of taxis running")
	fs.Var(&seed, "s", "random generator seed (short for -seed)")
	fs.Var(&seed, "seed", "random generator seed, for reproducible runs (default: random)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: taxi [-e END_TIME] [-t TAXIS] [-s SEED]\n\nTaxi fleet simulator.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "taxi: unexpected argument %q\n", fs.Arg(0))
		return 2
	case taxis < 0 || taxis > maxTaxis:
		fmt.Fprintf(stderr, "taxi: -t must be between 0 and %d, not %d\n", maxTaxis, taxis)
		return 2
	case endTime < 0:
		fmt.Fprintf(stderr, "taxi: -e must not be negative, not %d\n", endTime)
		return 2
	}
	if !seed.set {
		seed.v = rand.Int64()
	}
	if err := simulate(ctx, stdout, endTime, taxis, seed.v); err != nil {
		fmt.Fprintln(stderr, "taxi:", err)
		return 1
	}
	return 0
}

// simulate is the book's main(end_time, num_taxis, seed).
func simulate(_ context.Context, w io.Writer, endTime, numTaxis int, seed int64) error {
	taxis := make(map[int]*Taxi, numTaxis)
	for i := range numTaxis {
		taxis[i] = NewTaxi(i, (i+1)*2, i*departureInterval)
	}
	sim := NewSimulator(taxis, pyrandom.New(seed))
	var werr error
	out, err := sim.Run(endTime, func(ev Event) {
		if werr == nil {
			// print('taxi:', id, id * '   ', event): one space between the arguments.
			_, werr = fmt.Fprintf(w, "taxi: %d %s %s\n", ev.Proc, strings.Repeat("   ", ev.Proc), ev)
		}
	})
	if err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	if out.EndOfEvents {
		_, err = fmt.Fprintln(w, "*** end of events ***")
	} else {
		_, err = fmt.Fprintf(w, "*** end of simulation time: %d events pending ***\n", out.Pending)
	}
	return err
}
