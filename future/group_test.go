package future

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// SetLimit: at most n of the group's tasks run at once; GoIn waits for room.
func TestGroupSetLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		g.SetLimit(2)
		var running, peak atomic.Int32
		var fs []*Future[int]
		for i := range 10 {
			fs = append(fs, GoIn(g, func(ctx context.Context) (int, error) {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				defer running.Add(-1)
				return i, Sleep(ctx, time.Second)
			}))
		}
		require.NoError(t, g.Wait())
		require.EqualValues(t, 2, peak.Load())
		require.Equal(t, 5*time.Second, time.Since(time.Unix(946684800, 0)), "10 tasks, 2 at a time, 1 s each")
		for i, f := range fs {
			v, err := f.Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, i, v)
		}
	})
}

// A GoIn waiting for room gives up once a task failed.
func TestGroupSetLimitAbort(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		g.SetLimit(1)
		GoIn(g, func(ctx context.Context) (int, error) {
			time.Sleep(time.Second)
			return 0, errBoom
		})
		late := GoIn(g, func(ctx context.Context) (int, error) { panic("never runs") })
		require.ErrorIs(t, late.Err(), ErrGroupDone)
		require.Same(t, errBoom, g.Wait())
	})
}

// SetLimit misuse panics with what to do; the zero Group is usable.
func TestGroupSetLimitMisuseAndZeroGroup(t *testing.T) {
	var g Group
	require.Panics(t, func() { g.SetLimit(0) })
	release := make(chan struct{})
	f := GoIn(&g, func(context.Context) (int, error) { <-release; return 3, nil })
	require.PanicsWithValue(t,
		"future: Group.SetLimit called with 1 of the group's tasks running; set the limit before starting them",
		func() { g.SetLimit(4) })
	close(release)
	require.NoError(t, g.Wait())
	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 3, v)
	require.Error(t, g.Context().Err(), "the group's context ends with Wait")
	var g2 Group
	require.NoError(t, g2.Wait())
}
