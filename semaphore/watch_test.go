package semaphore

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

// watches returns how many context registrations s holds.
func watches(s *Semaphore) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.watches)
}

// Waiters sharing one context share one registration; when the context ends
// they all leave the queue, in one go, and the registration is gone. Waiters
// with other contexts keep their places.
func TestSharedContextWakesAllItsWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		bg := context.Background()
		require.NoError(t, s.Acquire(bg))
		q := newQueueLog()
		shared, cancel := context.WithCancel(bg)
		other, cancelOther := context.WithCancel(bg)
		defer cancelOther()
		for i := range 6 {
			ctx := shared
			switch i {
			case 2:
				ctx = bg // can never end: no registration
			case 4:
				ctx = other
			}
			q.queue(s, ctx, i)
		}
		require.Equal(t, 6, s.Waiters())
		require.Equal(t, 2, watches(s), "one per context that can end")

		cancel()
		for range 4 {
			require.ErrorIs(t, <-q.errs, context.Canceled)
		}
		require.Equal(t, 2, s.Waiters())
		require.Equal(t, 1, watches(s), "the shared context's registration is gone")

		s.Release()
		require.NoError(t, <-q.errs)
		require.Equal(t, 1, watches(s))
		s.Release()
		require.NoError(t, <-q.errs)
		require.Zero(t, watches(s), "granting the last waiter of a context drops its registration")
		s.Release()
		require.Equal(t, []int{2, 4}, q.acquired())
		require.Equal(t, 1, s.Available())
		require.False(t, s.Locked())
	})
}

// A context that ends between the check at the top of Acquire and the
// registration still wakes its waiter: AfterFunc on an ended context runs at
// once. The race window is opened by calling the slow path directly.
func TestContextEndsWhileQueueing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		require.NoError(t, s.Acquire(context.Background()))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		require.ErrorIs(t, s.acquireSlow(ctx, ctx.Done()), context.Canceled)
		require.Zero(t, s.Waiters())
		require.Zero(t, watches(s))
		require.False(t, s.TryAcquire(), "no permit was handed out")
		s.Release()
		require.Equal(t, 1, s.Available())
	})
}
