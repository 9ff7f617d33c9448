package future

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

var errBoom = errors.New("boom")

// Python A.1: a new future is pending; running, done and cancelled are false.
// CPython: test_future.py test_done, test_running.
func TestDone(t *testing.T) {
	f := New[int]()
	require.Equal(t, Pending, f.State())
	require.False(t, f.IsDone())
	require.False(t, f.Running())
	require.False(t, f.Cancelled())

	require.NoError(t, f.SetRunning())
	require.True(t, f.Running())
	require.False(t, f.IsDone())

	require.NoError(t, f.SetResult(1))
	require.True(t, f.IsDone())
	require.False(t, f.Running())
	require.False(t, f.Cancelled())

	c := New[int]()
	require.True(t, c.Cancel())
	require.True(t, c.IsDone())
	require.True(t, c.Cancelled())
}

// Python A.4: cancel() from each state. CPython: test_future.py test_cancel.
func TestCancel(t *testing.T) {
	pending := New[int]()
	require.True(t, pending.Cancel())
	require.Equal(t, Cancelled, pending.State())

	running := New[int]()
	require.NoError(t, running.SetRunning())
	require.False(t, running.Cancel(), "a running plain future cannot be cancelled")
	require.Equal(t, Running, running.State())

	cancelled := New[int]()
	require.True(t, cancelled.Cancel())
	require.True(t, cancelled.Cancel(), "cancelling a cancelled future again returns true")
	require.Equal(t, Cancelled, cancelled.State())

	finishedErr := New[int]()
	require.NoError(t, finishedErr.SetError(errBoom))
	require.False(t, finishedErr.Cancel())
	require.Equal(t, Finished, finishedErr.State())

	finished := New[int]()
	require.NoError(t, finished.SetResult(42))
	require.False(t, finished.Cancel())
	v, err := finished.TryResult()
	require.NoError(t, err)
	require.Equal(t, 42, v)
}

// Python A.4, D.41: Cancel wakes the waiters at once.
func TestCancelWakesWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := New[int]()
		got := make(chan error, 1)
		go func() {
			_, err := f.Result(context.Background())
			got <- err
		}()
		synctest.Wait() // the waiter is blocked
		require.True(t, f.Cancel())
		err := <-got
		require.ErrorIs(t, err, ErrCancelled)
		require.ErrorIs(t, err, context.Canceled)
	})
}

// Python A.5, D.42: a second outcome is refused and the first is kept.
// CPython: test_future.py test_multiple_set_result.
func TestMultipleSetResult(t *testing.T) {
	f := New[int]()
	require.NoError(t, f.SetResult(1))

	err := f.SetResult(2)
	require.ErrorIs(t, err, ErrInvalidState)
	require.Equal(t, "future: invalid state: <Future finished result=1>", err.Error())
	require.ErrorIs(t, f.SetError(errBoom), ErrInvalidState)

	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, v)
}

// Python A.5: set_result on a cancelled future raises InvalidStateError.
func TestSetResultAfterCancel(t *testing.T) {
	f := New[string]()
	require.True(t, f.Cancel())
	require.ErrorIs(t, f.SetResult("late"), ErrInvalidState)
	require.ErrorIs(t, f.SetError(errBoom), ErrInvalidState)
	_, err := f.TryResult()
	require.ErrorIs(t, err, ErrCancelled)
}

// Python A.6: set_running_or_notify_cancel from each state.
func TestSetRunningOrNotifyCancel(t *testing.T) {
	f := New[int]()
	require.NoError(t, f.SetRunning())
	require.ErrorIs(t, f.SetRunning(), ErrInvalidState, "running twice")
	require.NoError(t, f.SetResult(3))
	require.ErrorIs(t, f.SetRunning(), ErrInvalidState, "finished")

	c := New[int]()
	c.Cancel()
	err := c.SetRunning()
	require.ErrorIs(t, err, ErrCancelled, "the producer learns to skip the work")
	require.NotErrorIs(t, err, ErrInvalidState)
}

// Python A.7: result(timeout) on each kind of future.
// CPython: test_future.py test_result_with_timeout.
func TestResultWithTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()

		pending := New[int]()
		start := time.Now()
		_, err := pending.Result(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded, "a deadline plays TimeoutError")
		require.Equal(t, 100*time.Millisecond, time.Since(start))

		running := New[int]()
		require.NoError(t, running.SetRunning())
		_, err = running.Result(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)

		cancelled := New[int]()
		cancelled.Cancel()
		_, err = cancelled.Result(ctx)
		require.ErrorIs(t, err, ErrCancelled, "a done future answers even after ctx ended")

		failed := New[int]()
		stored := errors.New("the stored error")
		require.NoError(t, failed.SetError(stored))
		_, err = failed.Result(ctx)
		require.Same(t, stored, err, "the identical error value is returned")

		ok := New[int]()
		require.NoError(t, ok.SetResult(42))
		v, err := ok.Result(ctx)
		require.NoError(t, err)
		require.Equal(t, 42, v)
	})
}

// A ctx that ends before the future must not poison it: later callers get the
// real outcome (the reugn/async bug, see reference/peers.md).
func TestResultTimeoutDoesNotChangeFuture(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := New[int]()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := f.Result(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, Pending, f.State())

		time.AfterFunc(time.Second, func() { _ = f.SetResult(7) })
		v, err := f.Result(context.Background())
		require.NoError(t, err)
		require.Equal(t, 7, v)
	})
}

func TestResultCancelledContext(t *testing.T) {
	f := New[int]()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.Result(ctx)
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, ErrCancelled, "the caller's cancellation is not the future's")
	require.Equal(t, Pending, f.State())
}

// Python A.8: exception() returns the error, nil on success.
// CPython: test_future.py test_exception_with_timeout.
func TestExceptionWithTimeout(t *testing.T) {
	f := New[int]()
	require.ErrorIs(t, f.Err(), ErrInvalidState, "pending: never nil, so nil always means success")
	require.NoError(t, f.SetError(errBoom))
	require.Same(t, errBoom, f.Err())

	ok := New[int]()
	require.NoError(t, ok.SetResult(1))
	require.NoError(t, ok.Err())

	c := New[int]()
	c.Cancel()
	require.ErrorIs(t, c.Err(), ErrCancelled)
}

// Python A.9: the error kinds are distinct; ErrCancelled is also
// context.Canceled. CPython: test_class_str.
func TestErrorKinds(t *testing.T) {
	require.ErrorIs(t, ErrCancelled, context.Canceled)
	require.NotErrorIs(t, context.Canceled, ErrCancelled)
	require.NotErrorIs(t, ErrCancelled, ErrInvalidState)
	require.NotErrorIs(t, ErrShutdown, ErrCancelled)
	require.NotErrorIs(t, ErrInvalidState, ErrCancelled)
	require.Equal(t, "future: cancelled", ErrCancelled.Error())
}

// Python D.40: result() on a pending future is InvalidStateError, not a wait.
// CPython: test_futures.py test_result.
func TestTryResultPending(t *testing.T) {
	f := New[int]()
	_, err := f.TryResult()
	require.ErrorIs(t, err, ErrInvalidState)
	require.Equal(t, "future: invalid state: <Future pending>", err.Error())
}

// Python A.13 (QUIRK not copied): a cancelled future is done at once; there is
// no "cancelled but not yet notified" state for waits to hang on.
func TestCancelledIsDoneAtOnce(t *testing.T) {
	f := New[int]()
	done := f.Done()
	f.Cancel()
	select {
	case <-done:
	default:
		t.Fatal("Done not closed by Cancel")
	}
}

func TestDoneChannel(t *testing.T) {
	f := New[int]()
	d := f.Done()
	require.Equal(t, d, f.Done(), "the same channel every time")
	select {
	case <-d:
		t.Fatal("closed while pending")
	default:
	}
	require.NoError(t, f.SetResult(1))
	<-d

	late := New[int]()
	require.NoError(t, late.SetResult(1))
	<-late.Done() // allocated after completion: already closed
}

func TestSetErrorNil(t *testing.T) {
	f := New[int]()
	require.NoError(t, f.SetError(nil))
	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Zero(t, v)
	require.Equal(t, Finished, f.State())
}

// SetError with a cancellation error records it as an error: only Cancel
// cancels a plain future.
func TestSetErrorCanceledIsNotCancel(t *testing.T) {
	f := New[int]()
	require.NoError(t, f.SetError(context.Canceled))
	require.Equal(t, Finished, f.State())
	require.False(t, f.Cancelled())
}

func TestString(t *testing.T) {
	f := New[int]()
	require.Equal(t, "<Future pending>", f.String())
	require.NoError(t, f.SetRunning())
	require.Equal(t, "<Future running>", f.String())
	require.NoError(t, f.SetResult(42))
	require.Equal(t, "<Future finished result=42>", f.String())

	e := New[string]()
	require.NoError(t, e.SetError(errBoom))
	require.Equal(t, `<Future finished error="boom">`, e.String())

	c := New[string]()
	c.Cancel()
	require.Equal(t, "<Future cancelled>", c.String())

	task, _, _ := newTask[int](context.Background())
	require.Equal(t, "<Task pending>", task.String())
	task.Cancel()
	require.Equal(t, "<Task cancelled>", task.String())

	require.Equal(t, "invalid", State(99).String())
}

// Done on a future that is already done allocates nothing.
func TestDoneOnDoneFutureAllocatesNothing(t *testing.T) {
	f := New[int]()
	_ = f.SetResult(1)
	require.Zero(t, testing.AllocsPerRun(100, func() { <-f.Done() }))
	g := New[int]()
	ch := g.Done()
	_ = g.SetResult(1)
	require.Equal(t, ch, g.Done(), "the channel made while pending stays")
	<-ch
}
