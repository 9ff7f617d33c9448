package future

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// sleepy returns a task that sleeps d and then returns v (or err).
func sleepy[T any](ctx context.Context, d time.Duration, v T, err error) *Future[T] {
	return Go(ctx, func(ctx context.Context) (T, error) {
		select {
		case <-time.After(d):
			return v, err
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
	})
}

// Python E.54: values in argument order; a future twice appears twice;
// no futures gives an empty slice.
func TestGather(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		a, b := sleepy(ctx, 2*time.Second, "a", nil), sleepy(ctx, time.Second, "b", nil)
		vs, err := Gather(ctx, a, b, a)
		require.NoError(t, err)
		require.Equal(t, []string{"a", "b", "a"}, vs)

		none, err := Gather[int](ctx)
		require.NoError(t, err)
		require.Equal(t, []int{}, none)
	})
}

// Python E.55: the first error is returned at once; the others keep running.
// CPython: test_tasks.py test_one_exception.
func TestGatherOneException(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		slow := sleepy(ctx, 10*time.Second, 1, nil)
		failing := sleepy(ctx, time.Second, 0, errBoom)
		start := time.Now()
		_, err := Gather(ctx, slow, failing)
		require.Same(t, errBoom, err)
		require.Equal(t, time.Second, time.Since(start), "returned at once")
		require.False(t, slow.IsDone(), "not cancelled: still running")
		v, err := slow.Result(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, v)
	})
}

// Python E.55: a cancelled child makes Gather fail with a cancellation error.
// CPython: test_one_cancellation.
func TestGatherOneCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		a, b := sleepy(ctx, time.Second, 1, nil), sleepy(ctx, 2*time.Second, 2, nil)
		time.AfterFunc(500*time.Millisecond, func() { b.Cancel() })
		_, err := Gather(ctx, a, b)
		require.ErrorIs(t, err, ErrCancelled)
		require.NoError(t, waitErr(a))
	})
}

// Python E.56: with return_exceptions=True, errors and cancellations sit at
// their positions. CPython: test_return_exceptions,
// test_result_exception_one_cancellation.
func TestReturnExceptions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		a := sleepy(ctx, time.Second, 1, nil)
		b := sleepy(ctx, 2*time.Second, 0, errBoom)
		c := sleepy(ctx, 3*time.Second, 3, nil)
		c.Cancel()
		out, err := GatherSettled(ctx, a, b, c)
		require.NoError(t, err)
		require.Equal(t, Outcome[int]{Value: 1}, out[0])
		require.Same(t, errBoom, out[1].Err)
		require.ErrorIs(t, out[2].Err, ErrCancelled)
	})
}

func TestGatherContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := New[int]()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := Gather(ctx, f)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		_, err = GatherSettled(ctx, f)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, Pending, f.State(), "nothing cancelled")
	})
}

// Python C.37: FIRST_COMPLETED returns as soon as one is done; a cancelled
// future is done (no QUIRK). CPython: test_wait.py test_first_completed.
func TestFirstCompleted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		future1 := sleepy(ctx, time.Second, 1, nil)
		blocked := New[int]()
		done, pending, err := Wait(ctx, FirstCompleted, future1, blocked)
		require.NoError(t, err)
		require.Equal(t, []*Future[int]{future1}, done)
		require.Equal(t, []*Future[int]{blocked}, pending)

		cancelled := New[int]()
		cancelled.Cancel()
		done, pending, err = Wait(ctx, FirstCompleted, blocked, cancelled)
		require.NoError(t, err)
		require.Equal(t, []*Future[int]{cancelled}, done, "a cancelled future is done at once")
		require.Equal(t, []*Future[int]{blocked}, pending)
	})
}

// Python C.37: immediately if one is already done.
// CPython: test_first_completed_some_already_completed.
func TestFirstCompletedSomeAlreadyCompleted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ok := New[int]()
		_ = ok.SetResult(1)
		blocked := New[int]()
		start := time.Now()
		done, pending, err := Wait(context.Background(), FirstCompleted, ok, blocked, ok)
		require.NoError(t, err)
		require.Zero(t, time.Since(start))
		require.Equal(t, []*Future[int]{ok}, done, "duplicates removed")
		require.Equal(t, []*Future[int]{blocked}, pending)
	})
}

// Python C.38: FIRST_EXCEPTION returns once one fails; done holds the
// successful, the cancelled and the failed. CPython:
// test_first_exception_some_already_complete.
func TestFirstExceptionSomeAlreadyComplete(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		successful := New[int]()
		_ = successful.SetResult(42)
		cancelled := New[int]()
		cancelled.Cancel()
		failing := sleepy(ctx, time.Second, 0, errors.New("integer division by zero"))
		blocked := New[int]()
		done, pending, err := Wait(ctx, FirstException, successful, cancelled, failing, blocked)
		require.NoError(t, err)
		require.Equal(t, []*Future[int]{successful, cancelled, failing}, done)
		require.Equal(t, []*Future[int]{blocked}, pending)
	})
}

// Python C.38: a cancellation is not an exception; with no failure it waits
// for all. CPython: test_first_exception.
func TestFirstExceptionAllComplete(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		a, b := sleepy(ctx, time.Second, 1, nil), sleepy(ctx, 3*time.Second, 2, nil)
		c := sleepy(ctx, 2*time.Second, 3, nil)
		time.AfterFunc(500*time.Millisecond, func() { c.Cancel() })
		start := time.Now()
		done, pending, err := Wait(ctx, FirstException, a, b, c)
		require.NoError(t, err)
		require.Equal(t, 3*time.Second, time.Since(start))
		require.Len(t, done, 3)
		require.Empty(t, pending)
	})
}

// Python C.36: a timeout returns what is done; nothing raised or cancelled.
// CPython: test_wait.py test_timeout.
func TestWaitTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ok := New[int]()
		_ = ok.SetResult(1)
		blocked := New[int]()
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		done, pending, err := Wait(ctx, AllCompleted, ok, blocked)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, []*Future[int]{ok}, done)
		require.Equal(t, []*Future[int]{blocked}, pending)
		require.Equal(t, Pending, blocked.State())
	})
}

// Mixed result types, and an invalid ReturnWhen, and empty input.
func TestWaitMixedTypesAndBadInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		page := sleepy(ctx, time.Second, "<html>", nil)
		size := sleepy(ctx, 2*time.Second, 42, nil)
		done, pending, err := Wait(ctx, FirstCompleted, []Awaitable{page, size}...)
		require.NoError(t, err)
		require.Equal(t, []Awaitable{page}, done)
		require.Equal(t, []Awaitable{size}, pending)

		done, pending, err = Wait[Awaitable](ctx, FirstCompleted, page, size)
		require.NoError(t, err)
		require.Equal(t, []Awaitable{page}, done, "the call with the type parameter named")
		require.Equal(t, []Awaitable{size}, pending)

		require.PanicsWithError(t,
			"future: invalid ReturnWhen: ReturnWhen(7); use AllCompleted, FirstCompleted or FirstException",
			func() { _, _, _ = Wait(ctx, ReturnWhen(7), page) })

		done, pending, err = Wait[Awaitable](ctx, AllCompleted)
		require.NoError(t, err)
		require.Empty(t, done)
		require.Empty(t, pending)
		require.NoError(t, waitErr(size))
	})
}

// Python E.58: on timeout, WaitFor cancels the task and returns only after it
// really finished. CPython: test_waitfor.py
// test_wait_for_waits_for_task_cancellation.
func TestWaitForWaitsForTaskCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cleanedUp := false
		task := Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			time.Sleep(time.Second) // slow clean-up
			cleanedUp = true
			return 0, ctx.Err()
		})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := WaitFor(ctx, task)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.True(t, cleanedUp, "the timeout came only after the clean-up")
		require.Equal(t, 1100*time.Millisecond, time.Since(start))
		require.True(t, task.Cancelled())
	})
}

// Python E.60: a task that swallows the cancellation and returns a value:
// WaitFor returns that value; a different error propagates.
func TestWaitForCancellationSwallowed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stubborn := Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 42, nil
		})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		v, err := WaitFor(ctx, stubborn)
		require.NoError(t, err)
		require.Equal(t, 42, v)

		other := Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, errBoom
		})
		synctest.Wait()              // running, so that it sees the cancellation
		_, err = WaitFor(ctx, other) // ctx already expired
		require.Same(t, errBoom, err)
	})
}

// Python E.59: with a deadline already passed, a done task's result is
// returned; in time, WaitFor is a plain wait.
func TestWaitForDone(t *testing.T) {
	f := New[int]()
	_ = f.SetResult(5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v, err := WaitFor(ctx, f)
	require.NoError(t, err)
	require.Equal(t, 5, v)

	g := Go(context.Background(), func(context.Context) (int, error) { return 6, nil })
	v, err = WaitFor(context.Background(), g)
	require.NoError(t, err)
	require.Equal(t, 6, v)
}

// A running promise cannot be cancelled: WaitFor does not wait for it.
func TestWaitForUncancellable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := New[int]()
		_ = p.SetRunning()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := WaitFor(ctx, p)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.True(t, p.Running())
	})
}

// Python E.63: cancelling the shield does not cancel the inner task;
// cancelling the inner cancels the shield; a done future is returned as is.
// CPython: test_shield_*.
func TestShield(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		inner := sleepy(context.Background(), time.Second, 7, nil)
		outer := Shield(inner)
		require.True(t, outer.Cancel())
		_, err := outer.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled, "the awaiter sees the cancellation")
		v, err := inner.Result(context.Background())
		require.NoError(t, err, "the inner task went on")
		require.Equal(t, 7, v)

		inner2 := sleepy(context.Background(), time.Second, 8, nil)
		outer2 := Shield(inner2)
		inner2.Cancel()
		_, err = outer2.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)

		inner3 := sleepy(context.Background(), time.Second, 0, errBoom)
		_, err = Shield(inner3).Result(context.Background())
		require.Same(t, errBoom, err)

		require.Same(t, inner, Shield(inner), "already done: returned unchanged")
	})
}

// Python E.65: the first failure cancels the siblings and the body; Wait
// returns the real failures only. CPython: test_taskgroups.py
// test_cancel_children_on_child_error.
func TestCancelChildrenOnChildError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		sibling := GoIn(g, func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		})
		stubborn := GoIn(g, func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", fmt.Errorf("stopping: %w", ctx.Err())
		})
		zde := errors.New("division by zero")
		GoIn(g, func(context.Context) (int, error) {
			time.Sleep(time.Second)
			return 0, zde
		})
		err := g.Wait()
		require.ErrorIs(t, err, zde)
		require.NotErrorIs(t, err, context.Canceled, "no sibling noise")
		require.Equal(t, "division by zero", err.Error())
		require.True(t, sibling.Cancelled())
		require.ErrorIs(t, stubborn.Err(), context.Canceled)
		require.ErrorIs(t, g.Context().Err(), context.Canceled, "the body's context too")
		require.Same(t, zde, context.Cause(g.Context()))
	})
}

// Every real failure is reported, joined.
func TestGroupSeveralFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		e1, e2 := errors.New("one"), errors.New("two")
		GoIn(g, func(context.Context) (int, error) { time.Sleep(time.Second); return 0, e1 })
		GoIn(g, func(context.Context) (int, error) { time.Sleep(time.Second); return 0, e2 })
		synctest.Wait() // both running (and ignoring ctx) before the panic aborts the group
		GoIn(g, func(context.Context) (int, error) { panic("three") })
		err := g.Wait()
		require.ErrorIs(t, err, e1)
		require.ErrorIs(t, err, e2)
		var pe *PanicError
		require.ErrorAs(t, err, &pe)
	})
}

// Python E.64: no tasks after the group finished or while it is aborting.
// CPython: test_taskgroup_no_create_task_after_failure.
func TestGroupNoCreateTaskAfterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		GoIn(g, func(context.Context) (int, error) { return 0, errBoom })
		synctest.Wait()
		late := GoIn(g, func(context.Context) (int, error) { return 1, nil })
		require.ErrorIs(t, late.Err(), ErrGroupDone)
		require.ErrorIs(t, g.Wait(), errBoom)

		h := NewGroup(context.Background())
		require.NoError(t, h.Wait())
		require.ErrorIs(t, GoIn(h, func(context.Context) (int, error) { return 1, nil }).Err(), ErrGroupDone)
	})
}

// Typed results, tasks starting tasks, and success.
func TestGroupSuccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		var child *Future[int]
		parent := GoIn(g, func(context.Context) (string, error) {
			child = GoIn(g, func(context.Context) (int, error) { time.Sleep(time.Second); return 2, nil })
			return "parent", nil
		})
		require.NoError(t, g.Wait())
		v, _ := parent.TryResult()
		require.Equal(t, "parent", v)
		n, err := child.TryResult()
		require.NoError(t, err, "Wait waited for the task started by a task")
		require.Equal(t, 2, n)
	})
}

// Python E.66: cancelled from outside, the children are cancelled and Wait
// reports the parent's cancellation. CPython: test_cancellation.
func TestGroupParentCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		g := NewGroup(ctx)
		child := GoIn(g, func(ctx context.Context) (int, error) { <-ctx.Done(); return 0, ctx.Err() })
		time.AfterFunc(time.Second, cancel)
		require.ErrorIs(t, g.Wait(), context.Canceled)
		require.True(t, child.Cancelled())
	})
}
