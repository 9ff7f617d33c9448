package download

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// TestInterrupt is Ctrl-C at 1.25 s into a DELAY run: what is in flight is
// cancelled, nothing is left half-written, the summary still counts every
// flag, and the exit status is 130.
func TestInterrupt(t *testing.T) {
	for _, tc := range []struct {
		strategy Strategy
		summary  string
	}{
		{Tasks, " 40 flags downloaded.\n154 errors.\nElapsed time: 1.25s\n"},
		{Executor, " 40 flags downloaded.\n154 errors.\nElapsed time: 1.25s\n"},
		{Sequential, "  2 flags downloaded.\n192 errors.\nElapsed time: 1.25s\n"},
	} {
		t.Run(string(tc.strategy), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				time.AfterFunc(1250*time.Millisecond, cancel)
				r := runMain(ctx, t, flags2, pipeEnv(t), "-s", "DELAY", "-a", "-m", "20", "--strategy", string(tc.strategy))
				require.Equal(t, 130, r.code)
				require.Equal(t, "flags2: interrupted\n", r.errOut)
				require.Equal(t, "--------------------\n"+tc.summary, summary(r.out))
				require.Len(t, files(t, r.dir), downloaded(t, r.out))
			})
		})
	}
}

// TestInterruptVerbose: every flag gets its line, the cancelled ones as
// errors.
func TestInterruptVerbose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(750*time.Millisecond, cancel)
		r := runMain(ctx, t, flags2, pipeEnv(t), "-s", "DELAY", "-v", "-m", "10", "--strategy", "executor")
		require.Equal(t, 130, r.code)
		lines := splitLines(r.out)
		require.Len(t, lines, 3+20+4)
		var ok, cancelled int
		for _, l := range lines[3:23] {
			switch {
			case len(l) == 5 && l[2:] == " OK":
				ok++
			case l[2:] == " error: context canceled" || l[2:] == " error: future: cancelled":
				cancelled++
			default:
				t.Errorf("unexpected line %q", l)
			}
		}
		require.Equal(t, 10, ok)
		require.Equal(t, 10, cancelled)
	})
}

// TestInterruptedBeforeStart: a context already done downloads nothing
// but still reports every flag.
func TestInterruptedBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, s := range Strategies() {
		r := runMain(ctx, t, flags2, pipeEnv(t), "--strategy", string(s))
		require.Equal(t, 130, r.code)
		require.Equal(t, "--------------------\n  0 flags downloaded.\n 20 errors.\n", summary(r.out)[:len("--------------------\n  0 flags downloaded.\n 20 errors.\n")])
		require.Empty(t, files(t, r.dir))
	}
}
