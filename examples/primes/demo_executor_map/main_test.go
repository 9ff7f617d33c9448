package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // the fake clock's midnight prints as [00:00:00]
	goleak.VerifyTestMain(m)
}

// The book's run on the fake clock: at 00:00:00 the script starts, loiter(0)
// starts and ends, loiter(1) and loiter(2) start on the other two workers and
// loiter(3) on the one loiter(0) freed; loiter(4) waits for a worker until
// loiter(1) ends at 00:00:01, so it ends at 00:00:05, as in the book's
// sample. Results come in input order, each as soon as its call is done. Lines logged at the same
// instant by different goroutines may come in any order, so each second's
// lines are compared as a set, and the order constraints checked apart.
func TestBookRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out, errOut bytes.Buffer
		start := time.Now()
		require.Equal(t, 0, run(context.Background(), nil, &out, &errOut), errOut.String())
		require.Equal(t, 5*time.Second, time.Since(start), "loiter(4) started at 1 s and took 4 s")

		bySecond := map[string][]string{}
		var order []string
		for l := range strings.SplitSeq(strings.TrimSuffix(out.String(), "\n"), "\n") {
			stamp, msg, ok := strings.Cut(l, " ")
			require.True(t, ok, l)
			bySecond[stamp] = append(bySecond[stamp], msg)
			order = append(order, msg)
		}
		require.ElementsMatch(t, []string{
			"Script starting.",
			"results: iter.Seq2[int,error] (lazy)",
			"Waiting for individual results:",
			"loiter(0): doing nothing for 0s...",
			"loiter(0): done.",
			"\tloiter(1): doing nothing for 1s...",
			"\t\tloiter(2): doing nothing for 2s...",
			"\t\t\tloiter(3): doing nothing for 3s...",
			"result 0: 0",
		}, bySecond["[00:00:00]"])
		require.ElementsMatch(t, []string{
			"\tloiter(1): done.", "\t\t\t\tloiter(4): doing nothing for 4s...", "result 1: 10",
		}, bySecond["[00:00:01]"])
		require.ElementsMatch(t, []string{"\t\tloiter(2): done.", "result 2: 20"}, bySecond["[00:00:02]"])
		require.ElementsMatch(t, []string{"\t\t\tloiter(3): done.", "result 3: 30"}, bySecond["[00:00:03]"])
		require.Equal(t, []string{"\t\t\t\tloiter(4): done.", "result 4: 40"}, bySecond["[00:00:05]"])
		require.Len(t, bySecond, 5)

		before := func(a, b string) {
			t.Helper()
			require.Less(t, slices.Index(order, a), slices.Index(order, b), "%q before %q", a, b)
		}
		before("Script starting.", "Waiting for individual results:")
		for i, n := range []string{"0", "1", "2", "3", "4"} {
			before(strings.Repeat("\t", i)+"loiter("+n+"): done.", "result "+n+": "+n+strings.Repeat("0", min(i, 1)))
		}
		before("result 0: 0", "result 1: 10")
	})
}

// With 1 worker the calls run one after the other: 0+1+2 s.
func TestOneWorker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out, errOut bytes.Buffer
		start := time.Now()
		require.Equal(t, 0, run(context.Background(), []string{"-workers", "1", "-tasks", "3"}, &out, &errOut))
		require.Equal(t, 3*time.Second, time.Since(start))
		require.Contains(t, out.String(), "[00:00:03] result 2: 20\n")
	})
}

func TestInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		var out, errOut bytes.Buffer
		require.Equal(t, 130, run(ctx, nil, &out, &errOut))
		require.Contains(t, out.String(), "result 1: 10")
		require.NotContains(t, out.String(), "result 2")
		require.Equal(t, "demo_executor_map: interrupted\n", errOut.String())
	})
}

// A shorter unit is what the loiter lines say, not the book's seconds.
func TestUnit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out, errOut bytes.Buffer
		start := time.Now()
		require.Equal(t, 0, run(context.Background(), []string{"-unit", "100ms", "-tasks", "3"}, &out, &errOut))
		require.Equal(t, 200*time.Millisecond, time.Since(start))
		require.Contains(t, out.String(), "\t\tloiter(2): doing nothing for 200ms...\n")
		require.Contains(t, out.String(), "loiter(0): doing nothing for 0s...\n")
	})
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"x"}, {"-workers", "0"}, {"-tasks", "-1"}, {"-unit", "-1s"}, {"-nope"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, &out, &errOut), "%v", args)
		require.Empty(t, out.String())
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"-h"}, &out, &errOut))
	require.True(t, strings.HasPrefix(errOut.String(), "usage: demo_executor_map [-workers 3] [-tasks 5] [-unit 1s]\n"), errOut.String())
	require.Contains(t, errOut.String(), "-workers int")
}
