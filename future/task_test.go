package future

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestGoResult(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) { return 42, nil })
	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 42, v)
	require.Equal(t, "<Task finished result=42>", f.String())
}

func TestGoError(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) { return 0, errBoom })
	_, err := f.Result(context.Background())
	require.Same(t, errBoom, err)
	require.Equal(t, Finished, f.State())
}

// Python D.46: a task cancelled before it starts never runs its body.
// Deterministic: the task is created but its body not yet scheduled.
func TestTaskCancelBeforeStart(t *testing.T) {
	f, ctx, task := newTask[int](context.Background())
	require.True(t, f.Cancel())
	require.Error(t, ctx.Err(), "its context is cancelled too")
	var ran bool
	task.start(func(context.Context) (int, error) { ran = true; return 1, nil })
	require.False(t, ran, "fn never runs")
	require.Equal(t, Cancelled, f.State())
	_, err := f.Result(context.Background())
	require.ErrorIs(t, err, ErrCancelled)
}

// A task whose parent context ended before it was scheduled never runs.
func TestTaskParentDoneBeforeStart(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	f, _, task := newTask[int](parent)
	cancel()
	var ran bool
	task.start(func(context.Context) (int, error) { ran = true; return 1, nil })
	require.False(t, ran)
	require.True(t, f.Cancelled())

	dl, cancelDL := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancelDL()
	g, _, gtask := newTask[int](dl)
	gtask.start(func(context.Context) (int, error) { ran = true; return 1, nil })
	require.False(t, ran)
	require.Equal(t, Finished, g.State(), "a deadline is an error, not a cancellation")
	require.ErrorIs(t, g.Err(), context.DeadlineExceeded)
}

// Python D.45/D.46: cancel on a running task cancels its context; repeated
// cancels return true; cancelled() stays false until the function returns.
// CPython: test_tasks.py test_cancel, test_cancelling.
func TestTaskCancelWhileRunning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		f := Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			<-release // clean-up after the cancellation takes a while
			return 0, ctx.Err()
		})
		synctest.Wait()
		require.True(t, f.Running())
		require.True(t, f.Cancel())
		require.True(t, f.Cancel(), "again: still accepted")
		synctest.Wait()
		require.False(t, f.Cancelled(), "not cancelled until fn returns")
		require.True(t, f.Running())
		close(release)
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		require.ErrorIs(t, err, context.Canceled)
		require.True(t, f.Cancelled())
		require.True(t, f.Cancel(), "cancel on a cancelled future: true, nothing changes (Python A.4)")
		require.True(t, f.Cancelled())
	})
}

// Python D.48: a task that catches the cancellation and returns a value keeps
// it. CPython: test_tasks.py test_cancel_task_catching.
func TestTaskCancelTaskCatching(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 42, nil
		})
		synctest.Wait()
		require.True(t, f.Cancel())
		v, err := f.Result(context.Background())
		require.NoError(t, err)
		require.Equal(t, 42, v)
		require.False(t, f.Cancelled())
		require.Equal(t, Finished, f.State())
	})
}

// A task that returns a different error while being cancelled finishes with it.
func TestTaskCancelOtherError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, errBoom
		})
		synctest.Wait()
		f.Cancel()
		_, err := f.Result(context.Background())
		require.Same(t, errBoom, err)
		require.False(t, f.Cancelled())
	})
}

// Python D.47/D.48: a function that fails with a cancellation error on its own
// (wrapped or not) leaves its task cancelled. CPython: test_cancel_at_end.
func TestTaskCancelAtEnd(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) {
		return 0, fmt.Errorf("gave up: %w", context.Canceled)
	})
	_, err := f.Result(context.Background())
	require.ErrorIs(t, err, ErrCancelled)
	require.True(t, f.Cancelled())
}

// Cancel after the task finished changes nothing.
func TestTaskCancelAfterFinish(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) { return 1, nil })
	_, _ = f.Result(context.Background())
	require.False(t, f.Cancel())
	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, v)
}

// Cancelling the parent context propagates to the task.
func TestTaskParentCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancel(context.Background())
		f := Go(parent, func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		})
		synctest.Wait()
		require.True(t, f.Running())
		cancel()
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
	})
}

// A parent deadline reaches the task as an error, not a cancellation.
func TestTaskParentDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		f := Go(parent, func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		})
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, Finished, f.State())
	})
}

// The function's context is released when it returns.
func TestTaskContextReleased(t *testing.T) {
	var got context.Context
	f := Go(context.Background(), func(ctx context.Context) (int, error) { got = ctx; return 0, nil })
	_, _ = f.Result(context.Background())
	require.ErrorIs(t, got.Err(), context.Canceled)
}

func TestTaskPanic(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) { panicker(); return 1, nil })
	_, err := f.Result(context.Background())
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "kaboom", pe.Value)
	require.Contains(t, string(pe.Stack), "panicker", "the stack shows where it panicked")
	require.Equal(t, "future: task panicked: kaboom", err.Error())
	require.Nil(t, pe.Unwrap())
	require.Equal(t, Finished, f.State())
}

func panicker() { panic("kaboom") }

func TestTaskPanicWithError(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) { panic(errBoom) })
	_, err := f.Result(context.Background())
	require.ErrorIs(t, err, errBoom, "errors.Is sees through the panic")
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
}

// A panic with a cancellation error is still a panic, not a cancellation.
func TestTaskPanicWithCanceled(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) { panic(context.Canceled) })
	_, err := f.Result(context.Background())
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, Finished, f.State())
}

// runtime.Goexit in the function resolves the future instead of hanging it
// (pond #135).
func TestTaskGoexit(t *testing.T) {
	f := Go(context.Background(), func(context.Context) (int, error) {
		runtime.Goexit()
		return 1, nil
	})
	_, err := f.Result(context.Background())
	require.ErrorIs(t, err, ErrGoexit)
}

func TestTaskCallbacksRunOnTaskGoroutine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := make(chan struct{})
		f := Go(context.Background(), func(context.Context) (int, error) { <-start; return 3, nil })
		var got atomic.Int64
		f.AddDoneCallback(func(g *Future[int]) { v, _ := g.TryResult(); got.Store(int64(v)) })
		close(start)
		synctest.Wait()
		require.Equal(t, int64(3), got.Load())
	})
}

func TestTaskErrorsAreDistinct(t *testing.T) {
	require.False(t, errors.Is(ErrGoexit, ErrCancelled))
}

// A Result blocked on a task, with a context that can never end, is
// durably blocked for testing/synctest (Wait returns), and every waiter gets
// the outcome once the task returns.
func TestTaskResultBlocksDurably(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		f := Go(context.Background(), func(context.Context) (int, error) { <-release; return 42, nil })
		got := make(chan int, 2)
		for range 2 {
			go func() {
				v, err := f.Result(context.Background())
				require.NoError(t, err)
				got <- v
			}()
		}
		synctest.Wait() // the task and both waiters are durably blocked
		require.Nil(t, f.done, "they park in the task: no Done channel was made")
		close(release)
		require.Equal(t, 42, <-got)
		require.Equal(t, 42, <-got)
		v, err := f.Result(context.Background())
		require.NoError(t, err)
		require.Equal(t, 42, v)
	})
}

// A Result parked on a task cancelled before it started returns once the
// task's goroutine has run (without calling fn): Cancel leaves that wake-up
// to the task's own goroutine, in the task's own synctest bubble.
func TestTaskCancelBeforeStartWakesParked(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, _, task := newTask[int](context.Background())
		require.NotNil(t, task)
		got := make(chan error, 1)
		go func() {
			_, err := f.Result(context.Background())
			got <- err
		}()
		synctest.Wait() // the waiter is parked
		require.True(t, f.Cancel())
		require.Equal(t, Cancelled, f.State())
		var ran bool
		go task.start(func(context.Context) (int, error) { ran = true; return 1, nil })
		require.ErrorIs(t, <-got, ErrCancelled)
		require.False(t, ran, "fn never runs")
		require.Error(t, task.ctx.Err(), "its context ended")
	})
}
