package semaphore

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// queueLog starts waiters on a semaphore and records the order in which
// they acquire it; each waiter's Acquire error arrives on errs.
type queueLog struct {
	mu    sync.Mutex
	order []int
	errs  chan error
}

func newQueueLog() *queueLog { return &queueLog{errs: make(chan error, 64)} }

// queue starts a goroutine that acquires s and then records id, and returns
// once it has acquired or is queued (it runs in a synctest bubble).
func (q *queueLog) queue(s *Semaphore, ctx context.Context, id int) {
	go func() {
		err := s.Acquire(ctx)
		if err == nil {
			q.mu.Lock()
			q.order = append(q.order, id)
			q.mu.Unlock()
		}
		q.errs <- err
	}()
	synctest.Wait()
}

// acquired returns the ids recorded so far, in order.
func (q *queueLog) acquired() []int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return slices.Clone(q.order)
}

func TestAcquireRelease(t *testing.T) {
	s := New(2)
	require.Equal(t, 2, s.Cap())
	require.Equal(t, 2, s.Available())
	require.False(t, s.Locked())
	require.NoError(t, s.Acquire(context.Background()))
	require.True(t, s.TryAcquire())
	require.Equal(t, 0, s.Available())
	require.True(t, s.Locked())
	require.False(t, s.TryAcquire())
	s.Release()
	s.Release()
	require.Equal(t, 2, s.Available())
	require.False(t, s.Locked())
}

// Python F.73: waiters get the semaphore in the order they called acquire.
// CPython: test_locks.py test_acquire_fifo_order.
func TestAcquireFIFOOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		require.NoError(t, s.Acquire(context.Background()))
		q := newQueueLog()
		for i := range 5 {
			q.queue(s, context.Background(), i) // i is queued before i+1 arrives
		}
		require.Equal(t, 5, s.Waiters())
		for range 5 {
			s.Release()
			require.NoError(t, <-q.errs)
		}
		s.Release()
		require.Equal(t, []int{0, 1, 2, 3, 4}, q.acquired())
		require.Equal(t, 1, s.Available())
	})
}

// Python F.72: a re-acquire after release queues behind the waiter already
// there, even though a permit is momentarily free.
// CPython: test_locks.py test_acquire_fifo_order_2.
func TestAcquireFIFOOrder2(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		var mu sync.Mutex
		var order []int
		record := func(i int) { mu.Lock(); order = append(order, i); mu.Unlock() }
		ctx := context.Background()

		require.NoError(t, s.Acquire(ctx))
		record(1)
		done := make(chan struct{})
		go func() { // c2
			require.NoError(t, s.Acquire(ctx))
			record(2)
			s.Release()
			close(done)
		}()
		synctest.Wait()
		s.Release() // hands the permit to c2...
		require.False(t, s.TryAcquire(), "...so nobody can barge in")
		require.NoError(t, s.Acquire(ctx)) // queues behind c2
		record(3)
		<-done
		s.Release()
		require.NoError(t, s.Acquire(ctx))
		record(4)
		s.Release()
		require.Equal(t, []int{1, 2, 3, 4}, order)
	})
}

// Python F.72: TryAcquire fails while anyone waits, even if a permit is free
// in between (it never is here: Release hands it over directly).
// CPython: test_acquire_fifo_order_3.
func TestAcquireFIFOOrder3(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(2)
		ctx := context.Background()
		require.NoError(t, s.Acquire(ctx))
		require.NoError(t, s.Acquire(ctx))
		q := newQueueLog()
		for i := range 3 {
			q.queue(s, ctx, i)
		}
		s.Release()
		require.NoError(t, <-q.errs)
		require.False(t, s.TryAcquire())
		require.True(t, s.Locked())
		s.Release()
		require.NoError(t, <-q.errs)
		s.Release()
		require.NoError(t, <-q.errs)
		require.Equal(t, []int{0, 1, 2}, q.acquired())
		s.Release()
		s.Release()
		require.Equal(t, 2, s.Available())
	})
}

// Python F.76: with several permits released at once, several waiters wake,
// still in FIFO order. CPython: test_acquire_fifo_order_4 (3.13 behaviour).
func TestAcquireFIFOOrder4(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(3)
		ctx := context.Background()
		for range 3 {
			require.NoError(t, s.Acquire(ctx))
		}
		q := newQueueLog()
		for i := range 3 {
			q.queue(s, ctx, i)
		}
		s.Release()
		s.Release()
		synctest.Wait()
		// Both woke; the order in which they record it is up to the scheduler.
		require.ElementsMatch(t, []int{0, 1}, q.acquired(), "two permits: the first two waiters, both awake")
		require.Equal(t, 1, s.Waiters())
		s.Release()
		for range 3 {
			require.NoError(t, <-q.errs)
		}
		require.Equal(t, 2, q.acquired()[2], "the third waiter last")
		for range 3 {
			s.Release()
		}
	})
}

// Python F.75: a waiter cancelled before being woken is removed without using
// a permit; the next waiter proceeds. CPython: test_acquire_cancel_before_awoken.
func TestAcquireCancelBeforeAwoken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		bg := context.Background()
		require.NoError(t, s.Acquire(bg))
		q := newQueueLog()
		ctx1, cancel1 := context.WithCancel(bg)
		q.queue(s, ctx1, 1)
		q.queue(s, bg, 2)
		q.queue(s, bg, 3)

		cancel1()
		require.ErrorIs(t, <-q.errs, context.Canceled)
		require.Equal(t, 2, s.Waiters(), "the cancelled waiter left the queue")
		s.Release()
		require.NoError(t, <-q.errs)
		s.Release()
		require.NoError(t, <-q.errs)
		s.Release()
		require.Equal(t, []int{2, 3}, q.acquired())
		require.Equal(t, 1, s.Available(), "no permit lost")
	})
}

// Python F.75: the head waiter's context ends at the very moment it is handed
// a permit; the permit goes to the next waiter and nobody hangs.
// CPython: test_acquire_hang / test_acquire_no_hang.
func TestAcquireHang(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		bg := context.Background()
		require.NoError(t, s.Acquire(bg))
		ctx, cancel := context.WithCancel(bg)
		// The hook runs inside the hand-off, before the permit's signal is
		// sent: the waiter wakes through ctx.Done with the permit already
		// its own. This is the race window, made deterministic.
		onGrant(t, s, cancel)

		w1, w2 := make(chan error, 1), make(chan error, 1)
		go func() { w1 <- s.Acquire(ctx) }()
		synctest.Wait()
		go func() { w2 <- s.Acquire(bg) }()
		synctest.Wait()

		s.Release()
		require.ErrorIs(t, <-w1, context.Canceled, "w1 reports its cancellation...")
		require.NoError(t, <-w2, "...and the permit went on to w2")
		require.Equal(t, 0, s.Available())
		require.Equal(t, 0, s.Waiters())
		s.Release()
		require.Equal(t, 1, s.Available(), "no permit lost or leaked")
	})
}

// The same race with nobody behind: the permit goes back to the semaphore.
func TestAcquireNoHang(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		require.NoError(t, s.Acquire(context.Background()))
		ctx, cancel := context.WithCancel(context.Background())
		onGrant(t, s, cancel)
		w1 := make(chan error, 1)
		go func() { w1 <- s.Acquire(ctx) }()
		synctest.Wait()
		s.Release()
		require.ErrorIs(t, <-w1, context.Canceled)
		require.Equal(t, 1, s.Available())
		require.True(t, s.TryAcquire(), "the permit is usable again")
		s.Release()
	})
}

// x/sync #63615: Acquire on a context that has already ended fails even when
// a permit is free.
func TestAcquireDoneContext(t *testing.T) {
	s := New(1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, s.Acquire(ctx), context.Canceled)
	require.Equal(t, 1, s.Available())
}

// A waiter whose deadline passes returns DeadlineExceeded, holding nothing.
func TestAcquireTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		require.True(t, s.TryAcquire())
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		require.ErrorIs(t, s.Acquire(ctx), context.DeadlineExceeded)
		require.Equal(t, 50*time.Millisecond, time.Since(start))
		require.Equal(t, 0, s.Waiters(), "no stale waiter (Python F.77)")
		s.Release()
		require.Equal(t, 1, s.Available())
	})
}

// A cancelled waiter in the middle of the queue leaves the order of the
// others intact.
func TestCancelMiddleWaiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		bg := context.Background()
		require.NoError(t, s.Acquire(bg))
		q := newQueueLog()
		cancels := map[int]context.CancelFunc{}
		for i := range 5 {
			ctx, cancel := context.WithCancel(bg)
			cancels[i] = cancel
			q.queue(s, ctx, i)
		}
		cancels[2]()
		cancels[4]()
		require.ErrorIs(t, <-q.errs, context.Canceled)
		require.ErrorIs(t, <-q.errs, context.Canceled)
		require.Equal(t, 3, s.Waiters())
		for range 3 {
			s.Release()
			require.NoError(t, <-q.errs)
		}
		s.Release()
		require.Equal(t, []int{0, 1, 3}, q.acquired())
		for _, c := range cancels {
			c()
		}
	})
}

// Python F.71/F.80: releasing more than was acquired panics with ErrReleased
// and leaves the count unchanged. CPython: lock_tests.py
// BoundedSemaphoreTests.test_release_unacquired, test_locks.py
// test_release_not_acquired.
func TestReleaseUnacquired(t *testing.T) {
	s := New(2)
	require.PanicsWithValue(t, ErrReleased, s.Release)
	require.Equal(t, 2, s.Available())
	require.True(t, s.TryAcquire())
	s.Release()
	require.PanicsWithValue(t, ErrReleased, s.Release)
	require.Equal(t, 2, s.Available(), "capacity never raised")

	defer func() {
		r := recover()
		require.True(t, errors.Is(r.(error), ErrReleased))
	}()
	s.Release()
}

func TestNewZeroAndNegative(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gate := New(0)
		require.False(t, gate.TryAcquire())
		require.True(t, gate.Locked())
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		require.ErrorIs(t, gate.Acquire(ctx), context.DeadlineExceeded)
		require.PanicsWithValue(t, ErrReleased, gate.Release)

		// A Release on a gate with goroutines waiting is still an over-release:
		// it must not hand the waiter a permit that does not exist.
		ctx, cancel = context.WithCancel(context.Background())
		errs := make(chan error, 1)
		go func() { errs <- gate.Acquire(ctx) }()
		synctest.Wait()
		require.Equal(t, 1, gate.Waiters())
		require.PanicsWithValue(t, ErrReleased, gate.Release)
		require.Equal(t, 1, gate.Waiters(), "the waiter is still waiting")
		cancel()
		require.ErrorIs(t, <-errs, context.Canceled)
		require.Zero(t, gate.Waiters())
		require.False(t, gate.TryAcquire())
	})
	require.Panics(t, func() { New(-1) })
}

// Python F.77: `async with sem:` releases on exit, even on an exception.
// CPython: test_locks.py test_semaphore.
func TestDo(t *testing.T) {
	s := New(1)
	ctx := context.Background()
	errBoom := errors.New("boom")
	err := s.Do(ctx, func(context.Context) error {
		require.Equal(t, 0, s.Available(), "held while fn runs")
		return errBoom
	})
	require.Same(t, errBoom, err)
	require.Equal(t, 1, s.Available())

	require.PanicsWithValue(t, "inside", func() {
		_ = s.Do(ctx, func(context.Context) error { panic("inside") })
	})
	require.Equal(t, 1, s.Available(), "released although fn panicked")

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	require.ErrorIs(t, s.Do(cctx, func(context.Context) error { ran = true; return nil }), context.Canceled)
	require.False(t, ran)
}

// Locked follows Python: true while no permit is free or anyone waits.
func TestLockedWithWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(1)
		require.NoError(t, s.Acquire(context.Background()))
		done := make(chan error, 1)
		go func() { done <- s.Acquire(context.Background()) }()
		synctest.Wait()
		require.True(t, s.Locked())
		require.Equal(t, 1, s.Waiters())
		s.Release()
		require.NoError(t, <-done)
		require.True(t, s.Locked())
		s.Release()
		require.False(t, s.Locked())
	})
}
