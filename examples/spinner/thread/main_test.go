package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/spinner"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSupervisor(t *testing.T) {
	for _, args := range [][]string{nil, {"-run"}} {
		synctest.Test(t, func(t *testing.T) {
			var out, errOut bytes.Buffer
			start := time.Now()
			code := run(context.Background(), args, &out, &errOut, spinner.WithTerminal(true), spinner.WithWidth(80))
			require.Equal(t, 0, code)
			require.Equal(t, 3*time.Second, time.Since(start))
			want := "Answer: 42\n"
			if args == nil {
				want = "spinner object: <Spinner running msg=\"thinking!\">\n" + want
			}
			require.Equal(t, want, out.String())
			frames := strings.Count(errOut.String(), "thinking!")
			// A frame every 100 ms for 3 s; the one at 3.0 s ties with slow's end.
			require.Contains(t, []int{30, 31}, frames)
			require.True(t, strings.HasSuffix(errOut.String(), "\r\x1b[K"), "the line is left clean")
		})
	}
}

func TestInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		var out, errOut bytes.Buffer
		require.Equal(t, 130, run(ctx, nil, &out, &errOut))
		require.Contains(t, errOut.String(), "thread: interrupted")
	})
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"extra"}, {"-delay", "-1s"}, {"-nope"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, &out, &errOut), args)
		require.NotEmpty(t, errOut.String())
	}
}
