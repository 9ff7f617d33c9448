package main

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/spinner/internal/screen"
	"github.com/tulipgo/tulip/spinner"
)

func TestMain(m *testing.M) {
	if args, ok := screen.ChildArgs(); ok { // run as the program, on Run's terminal
		os.Args = append(os.Args[:1], args...)
		main()
	}
	goleak.VerifyTestMain(m)
}

// The book's number is prime, and the spinner kept turning while the
// CPU-bound check ran: more frames than the first one were drawn (with a
// 10 ms interval and a check that takes well over that).
func TestPrimeKeepsSpinning(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"-book"}, &out, &errOut,
		spinner.WithTerminal(true), spinner.WithWidth(80), spinner.WithInterval(10*time.Millisecond))
	require.Equal(t, 0, code)
	require.Equal(t, "5,000,111,000,222,021 is prime\n", out.String())
	frames := strings.Count(errOut.String(), "checking 5,000,111,000,222,021")
	require.Greater(t, frames, 1, "the spinner froze during the CPU-bound work")
}

// The default takes seconds of trial division; math/big's Baillie-PSW test
// (exact below 2^64) tells at once that it is prime, and the largest one.
func TestDefaultIsTheLargestUint64Prime(t *testing.T) {
	require.True(t, new(big.Int).SetUint64(defaultN).ProbablyPrime(0))
	for n := uint64(defaultN) + 2; n > defaultN; n += 2 {
		require.False(t, new(big.Int).SetUint64(n).ProbablyPrime(0), n)
	}
}

// On a terminal, both streams on it: the spinner's line is left clean and
// the verdict is the only line.
func TestOnTerminal(t *testing.T) {
	raw, scr, code := screen.Run(t, 80, "", "-book")
	require.Equal(t, 0, code, raw)
	require.Contains(t, raw, "\r| checking 5,000,111,000,222,021\x1b[K")
	require.Equal(t, screen.Screen{Lines: []string{"5,000,111,000,222,021 is prime"}}, scr, "%q", raw)
}

func TestSmallNumbers(t *testing.T) {
	cases := map[string]string{
		"0": "0 is not prime", "1": "1 is not prime", "2": "2 is prime", "3": "3 is prime",
		"91": "91 is not prime", "97": "97 is prime", "1,000,003": "1,000,003 is prime",
		"5000111000222023": "5,000,111,000,222,023 is not prime",
	}
	for arg, want := range cases {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run(context.Background(), []string{arg}, &out, &errOut), arg)
		require.Equal(t, want+"\n", out.String())
	}
}

func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	require.Equal(t, 130, run(ctx, nil, &out, &errOut), "the default's seconds-long check stops at once")
	require.Empty(t, out.String())
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-5"}, {"x"}, {"1", "2"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, &out, &errOut), args)
		require.Contains(t, errOut.String(), "usage: prime")
	}
}
