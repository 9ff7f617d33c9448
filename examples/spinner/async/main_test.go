package main

import (
	"bytes"
	"context"
	"regexp"
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
