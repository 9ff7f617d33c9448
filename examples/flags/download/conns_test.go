package download

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

// TestConnectionReuse: a run opens as many connections as it uses
// concurrently and reuses them round after round (-m 20: 20 connections for
// 100 flags in 5 rounds).
func TestConnectionReuse(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		dials int64
	}{
		{[]string{"-s", "DELAY", "-a", "-l", "100", "-m", "20"}, 20},
		{[]string{"-s", "DELAY", "-a", "-l", "100", "-m", "20", "--strategy", "executor"}, 20},
		{[]string{"-s", "DELAY", "-l", "30", "-a", "--strategy", "sequential"}, 1},
	} {
		synctest.Test(t, func(t *testing.T) {
			env := pipeEnv(t)
			var dials atomic.Int64
			dial := env.Dial
			env.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
				dials.Add(1)
				return dial(ctx, network, addr)
			}
			r := runMain(context.Background(), t, flags2, env, tc.args...)
			require.Equal(t, 0, r.code, r.errOut)
			require.Equal(t, tc.dials, dials.Load(), tc.args)
		})
	}
}
