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
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), nil, &out, &errOut)
		require.Equal(t, 0, code, errOut.String())
		require.Equal(t, `started task 1 (1 unit)
started task 2 (2 units)
started task 3 (3 units)
[1.0 units] task 1 returned 10: <Task finished result=10>
[2.0 units] task 2 returned 20: <Task finished result=20>
[3.0 units] task 3 returned 30: <Task finished result=30>
[4.0 units] waited for the long task: context deadline exceeded; still running
cancel accepted: true
[4.0 units] long task: <Task cancelled> (future: cancelled)
`, out.String())
	})
}

func TestInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(1500*time.Millisecond, cancel) // Ctrl-C after task 1 is done
		var out, errOut bytes.Buffer
		require.Equal(t, 130, run(ctx, nil, &out, &errOut))
		require.Equal(t, "tour: interrupted\n", errOut.String())
		require.Contains(t, out.String(), "task 1 returned 10")
		require.NotContains(t, out.String(), "task 2 returned")
	})
}

func TestInterruptedWhileWaitingForTheLongTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(3500*time.Millisecond, cancel) // Ctrl-C before the 4-unit deadline
		var out, errOut bytes.Buffer
		require.Equal(t, 130, run(ctx, nil, &out, &errOut))
		require.Equal(t, "tour: interrupted\n", errOut.String())
		require.Contains(t, out.String(), "task 3 returned 30")
		require.NotContains(t, out.String(), "waited for the long task")
	})
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-scale", "0"}, {"extra"}, {"-bogus"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, &out, &errOut), args)
		require.NotEmpty(t, errOut.String())
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"-h"}, &out, &errOut))
	require.Contains(t, errOut.String(), "-scale unit")
	require.True(t, strings.HasPrefix(errOut.String(), "usage: tour [-scale DURATION]\n"), errOut.String())
}
