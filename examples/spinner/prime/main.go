// Command prime spins while checking whether a large number is prime, the
// book's spinner_prime_async_nap.py turned around: in Go the spinner keeps
// turning during the CPU-bound check, because goroutines are preempted.
//
// Usage:
//
//	prime [-book] [N]
//
// N defaults to 18,446,744,073,709,551,557, the largest prime below 2^64:
// trial division takes a few seconds, long enough to watch the spinner turn.
// -book checks the book's 5,000,111,000,222,021 instead, which Go does in a
// few hundredths of a second (Python needs seconds). The spinner draws on
// standard error; the verdict goes to standard output.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/tulipgo/tulip/spinner"
)

const (
	defaultN = 18_446_744_073_709_551_557 // the largest prime below 2^64
	bookN    = 5_000_111_000_222_021      // the book's
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// isPrime is trial division by 6k±1. It checks ctx every so often, so Ctrl-C
// stops it; it never yields otherwise.
func isPrime(ctx context.Context, n uint64) (bool, error) {
	if n < 2 {
		return false, nil
	}
	if n%2 == 0 || n%3 == 0 {
		return n == 2 || n == 3, nil
	}
	for i := uint64(5); i <= n/i; i += 6 {
		if i%(1<<20) < 6 && ctx.Err() != nil {
			return false, ctx.Err()
		}
		if n%i == 0 || n%(i+2) == 0 {
			return false, nil
		}
	}
	return true, nil
}

// commas formats n with thousands separators: 5,000,111,000,222,021.
func commas(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...spinner.Option) int {
	fs := flag.NewFlagSet("prime", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: prime [-book] [N]")
		fs.PrintDefaults()
	}
	book := fs.Bool("book", false, "check the book's number, 5,000,111,000,222,021")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	n := uint64(defaultN)
	if *book {
		n = bookN
	}
	switch fs.NArg() {
	case 0:
	case 1:
		v, err := strconv.ParseUint(strings.ReplaceAll(fs.Arg(0), ",", ""), 10, 64)
		if err != nil {
			fmt.Fprintf(stderr, "prime: %q is not a non-negative integer\nusage: prime [-book] [N]\n", fs.Arg(0))
			return 2
		}
		n = v
	default:
		fmt.Fprintln(stderr, "usage: prime [-book] [N]")
		return 2
	}
	opts = append([]spinner.Option{spinner.WithWriter(stderr)}, opts...)
	prime, err := spinner.Run(ctx, "checking "+commas(n), func(ctx context.Context) (bool, error) {
		return isPrime(ctx, n)
	}, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "prime: interrupted")
		return 130
	}
	verdict := "is prime"
	if !prime {
		verdict = "is not prime"
	}
	fmt.Fprintln(stdout, commas(n), verdict)
	return 0
}
