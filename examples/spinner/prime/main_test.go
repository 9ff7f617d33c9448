package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/spinner"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The book's number is prime, and the spinner kept turning while the
// CPU-bound check ran: more frames than the first one were drawn (with a
// 5 ms… 10 ms interval and a check that takes well over that).
func TestPrimeKeepsSpinning(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), nil, &out, &errOut,
		spinner.WithTerminal(true), spinner.WithWidth(80), spinner.WithInterval(10*time.Millisecond))
	require.Equal(t, 0, code)
	require.Equal(t, "5,000,111,000,222,021 is prime\n", out.String())
	frames := strings.Count(errOut.String(), "checking 5,000,111,000,222,021")
	require.Greater(t, frames, 1, "the spinner froze during the CPU-bound work")
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
	require.Equal(t, 130, run(ctx, nil, &out, &errOut))
	require.Empty(t, out.String())
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-5"}, {"x"}, {"1", "2"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, &out, &errOut), args)
		require.Contains(t, errOut.String(), "usage: prime")
	}
}
