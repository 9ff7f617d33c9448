package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"testing/synctest"
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
				want = "spinner object: <Spinner initial msg=\"thinking!\">\n" + want
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

// What a person sees at a terminal, both streams on it: the book's screen,
// nothing printed onto the spinner's line, which is left clean.
func TestOnTerminal(t *testing.T) {
	raw, scr, code := screen.Run(t, 80, "", "-delay", "300ms")
	require.Equal(t, 0, code, raw)
	require.Contains(t, raw, "\r| thinking!\x1b[K", "the spinner drew")
	require.Equal(t, screen.Screen{Lines: []string{`spinner object: <Spinner initial msg="thinking!">`, "Answer: 42"}}, scr, "%q", raw)

	raw, scr, code = screen.Run(t, 10, "", "-run", "-delay", "300ms")
	require.Equal(t, 0, code, raw)
	require.Contains(t, raw, "\r| thinkin\x1b[K", "cut to 9 columns in a 10-column terminal")
	require.Equal(t, screen.Screen{Lines: []string{"Answer: 42"}}, scr, "%q", raw)
}

func TestCtrlCOnTerminal(t *testing.T) {
	raw, scr, code := screen.Run(t, 80, "| thinking!", "-delay", "1m")
	require.Equal(t, 130, code, raw)
	require.Equal(t, screen.Screen{Lines: []string{`spinner object: <Spinner initial msg="thinking!">`, "thread: interrupted"}}, scr, "%q", raw)
}
