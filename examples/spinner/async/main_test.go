package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
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
	synctest.Test(t, func(t *testing.T) {
		var out, errOut bytes.Buffer
		start := time.Now()
		code := run(context.Background(), nil, &out, &errOut, spinner.WithTerminal(true), spinner.WithWidth(80))
		require.Equal(t, 0, code)
		require.Equal(t, 3*time.Second, time.Since(start))
		// The task is pending or already running when it is printed.
		require.Regexp(t, regexp.MustCompile(`^spinner object: <Task (pending|running)>\nAnswer: 42\n$`), out.String())
		// A frame every 100 ms for 3 s; the one at 3.0 s ties with slow's end.
		require.Contains(t, []int{30, 31}, strings.Count(errOut.String(), "thinking!"))
		require.True(t, strings.HasSuffix(errOut.String(), "\r\x1b[K"), "the cancelled spinner task cleaned its line")
	})
}

func TestRunVariant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run(context.Background(), []string{"-run", "-delay", "1s"}, &out, &errOut))
		require.Equal(t, "Answer: 42\n", out.String())
		require.Equal(t, "thinking!\n", errOut.String(), "plain mode: the message once")
	})
}

func TestInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		var out, errOut bytes.Buffer
		require.Equal(t, 130, run(ctx, nil, &out, &errOut))
		require.Contains(t, errOut.String(), "async: interrupted")
	})
}

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 2, run(context.Background(), []string{"extra"}, &out, &errOut))
	require.Equal(t, 0, run(context.Background(), []string{"-h"}, &out, &errOut))
}

// What a person sees at a terminal, both streams on it: the book's screen,
// nothing printed onto the spinner's line, which is left clean.
func TestOnTerminal(t *testing.T) {
	for _, args := range [][]string{{"-delay", "300ms"}, {"-run", "-delay", "300ms"}} {
		raw, scr, code := screen.Run(t, 80, "", args...)
		require.Equal(t, 0, code, raw)
		require.Contains(t, raw, "\r| thinking!\x1b[K", "the spinner drew")
		want := []string{"Answer: 42"}
		if len(args) == 2 {
			require.Regexp(t, `^spinner object: <Task (pending|running)>$`, scr.Lines[0], "%q", raw)
			want = append([]string{scr.Lines[0]}, want...)
		}
		require.Equal(t, screen.Screen{Lines: want}, scr, "%q", raw)
	}
}

func TestCtrlCOnTerminal(t *testing.T) {
	raw, scr, code := screen.Run(t, 80, "| thinking!", "-delay", "1m")
	require.Equal(t, 130, code, raw)
	require.Len(t, scr.Lines, 2, "%q", raw)
	require.Equal(t, "async: interrupted", scr.Lines[1], "%q", raw)
}
