package future

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

type ctxKey struct{}

// Submit's ctx is the task's parent: its values reach fn, and its end
// cancels a running task.
func TestSubmitContextValuesAndCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		defer ex.Close()
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "request 7"))
		f := Submit(ctx, ex, func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return ctx.Value(ctxKey{}).(string), ctx.Err()
		})
		synctest.Wait()
		require.True(t, f.Running())
		cancel()
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		require.True(t, f.Cancelled())

		// A value and context.Cause work in a task whose parent can end.
		ctx2, cancel2 := context.WithCancelCause(context.WithValue(context.Background(), ctxKey{}, "v"))
		defer cancel2(nil)
		g := Submit(ctx2, ex, func(ctx context.Context) (string, error) {
			return ctx.Value(ctxKey{}).(string), context.Cause(ctx)
		})
		v, err := g.Result(context.Background())
		require.NoError(t, err)
		require.Equal(t, "v", v)
	})
}

// A task whose ctx ends while it is queued leaves the queue at once, never
// runs, and ends with ctx.Err(): Cancelled for a cancellation, Finished
// with DeadlineExceeded for a deadline.
func TestSubmitContextEndsWhileQueued(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		release := make(chan struct{})
		busy := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return 0, nil })
		var ran atomic.Bool
		body := func(context.Context) (int, error) { ran.Store(true); return 1, nil }

		ctx, cancel := context.WithCancel(context.Background())
		cancelled := Submit(ctx, ex, body)
		dctx, dcancel := context.WithTimeout(context.Background(), time.Second)
		defer dcancel()
		timedOut := Submit(dctx, ex, body)
		synctest.Wait()
		require.Equal(t, 2, ex.Stats().Queued)

		cancel()
		synctest.Wait()
		require.True(t, cancelled.Cancelled(), "removed at once, not when a worker gets to it")
		require.ErrorIs(t, cancelled.Err(), context.Canceled)
		require.Equal(t, 1, ex.Stats().Queued)

		time.Sleep(time.Second)
		synctest.Wait()
		require.True(t, timedOut.IsDone())
		require.ErrorIs(t, timedOut.Err(), context.DeadlineExceeded)
		require.Equal(t, Finished, timedOut.State())
		require.Zero(t, ex.Stats().Queued)

		close(release)
		_, err := busy.Result(context.Background())
		require.NoError(t, err)
		require.NoError(t, ex.Close())
		require.False(t, ran.Load(), "a task whose ctx ended while queued never runs")
		st := ex.Stats()
		require.EqualValues(t, 3, st.Submitted)
		require.EqualValues(t, 1, st.Completed)
		require.EqualValues(t, 1, st.Failed)
		require.EqualValues(t, 1, st.Cancelled)
	})
}

// A ctx that has already ended queues nothing: the future is done at once.
func TestSubmitContextAlreadyEnded(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := Submit(ctx, ex, func(context.Context) (int, error) { panic("never runs") })
	require.True(t, f.Cancelled())
	f2, ok := TrySubmit(ctx, ex, func(context.Context) (int, error) { panic("never runs") })
	require.True(t, ok)
	require.True(t, f2.Cancelled())
	require.Zero(t, ex.Stats().Submitted)
}

// A task whose ctx can end still leaves nothing registered on it once done
// (the AfterFunc is stopped when the task starts, or is cancelled).
func TestSubmitLeavesNothingOnContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(2)
		defer ex.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var fs []*Future[int]
		for i := range 100 {
			fs = append(fs, Submit(ctx, ex, func(context.Context) (int, error) { return i, nil }))
		}
		_, err := Gather(context.Background(), fs...)
		require.NoError(t, err)
		// Nothing left to run when ctx ends: no goroutine is started, the
		// bubble's deadlock detector would report one still blocked.
		cancel()
		synctest.Wait()
	})
}

// With QueueSize, Submit blocks while the queue is full, until room, ctx's
// end or Shutdown; TrySubmit reports a full queue at once.
func TestQueueSize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1, QueueSize(2))
		release := make(chan struct{})
		block := func(context.Context) (int, error) { <-release; return 1, nil }
		running := Submit(context.Background(), ex, block)
		synctest.Wait()
		q1 := Submit(context.Background(), ex, block)
		q2 := Submit(context.Background(), ex, block)
		require.Equal(t, 2, ex.Stats().Queued)

		f, ok := TrySubmit(context.Background(), ex, block)
		require.False(t, ok)
		require.Nil(t, f)

		// A blocked Submit whose ctx ends: its future fails, nothing queued.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		timedOut := Submit(ctx, ex, block)
		require.ErrorIs(t, timedOut.Err(), context.DeadlineExceeded)

		// A blocked Submit gets room when a queued task is cancelled.
		got := make(chan *Future[int])
		go func() { got <- Submit(context.Background(), ex, block) }()
		synctest.Wait()
		require.True(t, q1.Cancel())
		q3 := <-got
		require.Equal(t, 2, ex.Stats().Queued)

		// A blocked Submit is refused when the executor shuts down.
		go func() { got <- Submit(context.Background(), ex, block) }()
		synctest.Wait()
		ex.Shutdown()
		require.ErrorIs(t, (<-got).Err(), ErrShutdown)

		close(release)
		require.NoError(t, ex.Wait(context.Background()))
		for _, f := range []*Future[int]{running, q2, q3} {
			v, err := f.Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, 1, v)
		}
		requireSettled(t, ex, ExecutorStats{})
	})
}

// A bounded queue holds Map back too, and every call still runs in order.
func TestQueueSizeMap(t *testing.T) {
	ex := NewExecutor(2, QueueSize(1))
	defer ex.Close()
	var in []int
	for i := range 200 {
		in = append(in, i)
	}
	outs, errs := collectMap(Map(context.Background(), ex, sliceSeq(in), func(_ context.Context, v int) (int, error) {
		return v * 2, nil
	}))
	require.Len(t, outs, len(in))
	for i, v := range outs {
		require.NoError(t, errs[i])
		require.Equal(t, 2*i, v)
	}
}

func sliceSeq(vs []int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for _, v := range vs {
			if !yield(v) {
				return
			}
		}
	}
}

// Bad uses get messages that say what to do.
func TestExecutorMisuse(t *testing.T) {
	require.PanicsWithValue(t,
		"future: QueueSize(0): the bound must be at least 1; leave the option out for an unbounded queue",
		func() { QueueSize(0) })
	var zero Executor
	msg := "future: the zero Executor is not usable; create one with future.NewExecutor"
	require.PanicsWithValue(t, msg, func() {
		Submit(context.Background(), &zero, func(context.Context) (int, error) { return 0, nil })
	})
	require.PanicsWithValue(t, msg, func() { zero.Shutdown() })
	require.PanicsWithValue(t, msg, func() { _ = zero.Close() })
	require.PanicsWithValue(t, msg, func() { _ = zero.Stats() })
}

// The cumulative counters count every way a task ends.
func TestExecutorCounters(t *testing.T) {
	synctest.Test(t, testExecutorCounters)
}

func testExecutorCounters(t *testing.T) {
	ex := NewExecutor(2)
	ok := Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil })
	bad := Submit(context.Background(), ex, func(context.Context) (int, error) { return 0, errBoom })
	boom := Submit(context.Background(), ex, func(context.Context) (int, error) { panic("boom") })
	stop := Submit(context.Background(), ex, func(ctx context.Context) (int, error) { <-ctx.Done(); return 0, ctx.Err() })
	synctest.Wait() // stop is running, blocked on its context
	require.True(t, stop.Running())
	stop.Cancel()
	_, _ = GatherSettled(context.Background(), ok, bad, boom, stop)
	outs, _ := collectMap(Map(context.Background(), ex, sliceSeq([]int{1, 2, 3}), func(_ context.Context, v int) (int, error) {
		if v == 2 {
			return 0, errors.New("two")
		}
		return v, nil
	}))
	require.Len(t, outs, 3)
	require.NoError(t, ex.Close())
	after := Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil })
	require.ErrorIs(t, after.Err(), ErrShutdown)
	st := ex.Stats()
	require.EqualValues(t, 7, st.Submitted, "%+v", st)
	require.EqualValues(t, 3, st.Completed, "%+v", st)
	require.EqualValues(t, 3, st.Failed, "%+v", st)
	require.EqualValues(t, 1, st.Cancelled, "%+v", st)
}

// A nil ctx is a programming error, reported in the caller with what to do,
// not as a nil dereference.
func TestSubmitNilContextPanics(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	const msg = "future: Submit or TrySubmit with a nil Context; pass context.Background() or the caller's context"
	var ctx context.Context // nil, by mistake
	fn := func(context.Context) (int, error) { return 1, nil }
	require.PanicsWithValue(t, msg, func() { Submit(ctx, ex, fn) })
	require.PanicsWithValue(t, msg, func() { TrySubmit(ctx, ex, fn) })
	require.NoError(t, ex.Close())
	require.PanicsWithValue(t, msg, func() { Submit(ctx, ex, fn) }, "after Shutdown too")
}
