package future

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// SetLimit with a failure while GoIns wait for room: the waiting ones start
// nothing and get ErrGroupDone; Wait returns the failure itself.
func TestGroupLimitAbort(t *testing.T) {
	var g Group // the zero Group
	g.SetLimit(1)
	release := make(chan struct{})
	errA := errors.New("a")
	a := GoIn(&g, func(context.Context) (int, error) { <-release; return 0, errA })
	var wg sync.WaitGroup
	fs := make([]*Future[int], 8)
	for i := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fs[i] = GoIn(&g, func(context.Context) (int, error) { return 1, nil })
		}()
	}
	close(release)
	wg.Wait()
	require.ErrorIs(t, g.Wait(), errA)
	require.Equal(t, errA, g.Wait())
	_, err := a.Result(context.Background())
	require.Equal(t, errA, err)
	for _, f := range fs {
		require.True(t, f.IsDone())
		if err := f.Err(); err != nil {
			require.ErrorIs(t, err, ErrGroupDone)
		}
	}
}

// The parent ending while GoIn waits for room: nothing failed, yet the
// waiting GoIn starts nothing and returns ErrGroupDone, as its doc says.
func TestGroupLimitParentEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	g := NewGroup(ctx)
	g.SetLimit(1)
	GoIn(g, func(ctx context.Context) (int, error) { <-ctx.Done(); return 0, ctx.Err() })
	done := make(chan *Future[int])
	go func() { done <- GoIn(g, func(context.Context) (int, error) { return 1, nil }) }()
	cancel()
	f := <-done
	require.ErrorIs(t, g.Wait(), context.Canceled)
	require.ErrorIs(t, f.Err(), ErrGroupDone)
}
