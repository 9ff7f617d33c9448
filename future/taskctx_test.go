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

// capture starts a task with start (Submit on an executor, or Go with a
// parent) that hands its context out, then waits for cancel (or returns at
// once if block is false).
func capture(start func(func(context.Context) (int, error)) *Future[int], block bool) (*Future[int], context.Context) {
	got := make(chan context.Context, 1)
	f := start(func(ctx context.Context) (int, error) {
		got <- ctx
		if block {
			<-ctx.Done()
			return 0, ctx.Err()
		}
		return 1, nil
	})
	return f, <-got
}

func submitTo(ex *Executor) func(func(context.Context) (int, error)) *Future[int] {
	return func(fn func(context.Context) (int, error)) *Future[int] { return Submit(context.Background(), ex, fn) }
}

func goWith(parent context.Context) func(func(context.Context) (int, error)) *Future[int] {
	return func(fn func(context.Context) (int, error)) *Future[int] { return Go(parent, fn) }
}

// The context a task gets when its parent can never end behaves as
// context.WithCancel's would: live while the task runs, Canceled (and Cause
// Canceled) once the task is cancelled, values and deadline from its parent.
func TestTaskContextCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		type key struct{}
		parent := context.WithValue(context.Background(), key{}, "v")
		f, ctx := capture(goWith(parent), true)
		require.IsType(t, &goContext{}, ctx, "the task is its own context")
		require.NoError(t, ctx.Err())
		require.Nil(t, context.Cause(ctx))
		require.Equal(t, "v", ctx.Value(key{}))
		_, ok := ctx.Deadline()
		require.False(t, ok)
		select {
		case <-ctx.Done():
			t.Fatal("done while running")
		default:
		}

		require.True(t, f.Cancel())
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		<-ctx.Done()
		require.ErrorIs(t, ctx.Err(), context.Canceled)
		require.ErrorIs(t, context.Cause(ctx), context.Canceled)
		require.Equal(t, "context.Background.WithValue(future.key, v).WithTask", ctx.(interface{ String() string }).String())
	})
}

// As with WithCancel and a deferred cancel, the context ends when the
// function returns, and a Done asked for only then is already closed.
func TestTaskContextEndsWhenFunctionReturns(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	f, ctx := capture(submitTo(ex), false)
	_, err := f.Result(context.Background())
	require.NoError(t, err)
	<-ctx.Done()
	require.ErrorIs(t, ctx.Err(), context.Canceled)
}

// Contexts derived from a task's context, and context.AfterFunc on it, are
// cancelled with the task; AfterFunc's stop works before, and not after.
func TestTaskContextDerived(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		defer ex.Close()
		f, ctx := capture(submitTo(ex), true)

		child, cancelChild := context.WithCancel(ctx)
		defer cancelChild()
		timed, cancelTimed := context.WithTimeout(ctx, time.Hour)
		defer cancelTimed()
		_, cancelGone := context.WithCancel(ctx)
		cancelGone() // unregisters from ctx at once
		var ran, stoppedRan atomic.Int32
		context.AfterFunc(ctx, func() { ran.Add(1) })
		stop := context.AfterFunc(ctx, func() { stoppedRan.Add(1) })
		require.True(t, stop(), "stopped before the context ended")
		require.False(t, stop())

		require.NotNil(t, ctx.(*taskContext).ext.Load().inner, "deriving made the inner context")

		f.Cancel()
		// As with context.WithCancel, the derived contexts end before the
		// cancellation returns.
		require.ErrorIs(t, child.Err(), context.Canceled)
		require.ErrorIs(t, timed.Err(), context.Canceled)
		<-child.Done()
		<-timed.Done()
		require.ErrorIs(t, context.Cause(child), context.Canceled)
		require.ErrorIs(t, timed.Err(), context.Canceled, "cancelled by its parent, not timed out")
		synctest.Wait()
		require.Equal(t, int32(1), ran.Load())
		require.Zero(t, stoppedRan.Load())

		// Registering on a context that has ended runs f at once.
		late := make(chan struct{})
		stop = context.AfterFunc(ctx, func() { close(late) })
		<-late
		require.False(t, stop())
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
	})
}

// With a parent that can end, a task from Go is its own context too: ending
// the parent ends the function's context, with the parent's cause.
func TestTaskContextCancellableParent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(context.Background())
		f, ctx := capture(goWith(parent), true)
		require.IsType(t, &goContext{}, ctx)
		boom := errors.New("shutting down")
		cancel(boom)
		<-ctx.Done()
		require.ErrorIs(t, context.Cause(ctx), boom)
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
	})
}

// A task from Go is its own context, whatever the parent: cancelled by
// Cancel and when the function returns.
func TestGoTaskContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		got := make(chan context.Context, 1)
		f := Go(context.Background(), func(ctx context.Context) (int, error) {
			got <- ctx
			<-ctx.Done()
			return 0, context.Cause(ctx)
		})
		ctx := <-got
		require.IsType(t, &goContext{}, ctx)
		require.NoError(t, ctx.Err())
		require.True(t, f.Cancel())
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled, "Cause reported Canceled, so the task ended Cancelled")

		parent, cancel := context.WithCancel(context.Background())
		defer cancel()
		g := Go(parent, func(ctx context.Context) (context.Context, error) { return ctx, nil })
		gctx, err := g.Result(context.Background())
		require.NoError(t, err)
		require.IsType(t, &goContext{}, gctx, "a parent that can end: the task is its own context too")
		require.ErrorIs(t, gctx.Err(), context.Canceled, "ended when the function returned")
	})
}

// Ending a task context races Done and AfterFunc without losing either: the
// end takes no lock when nobody asked for Done, so Done, AfterFunc and the
// end each check for the other. Every Done channel gets closed and every
// AfterFunc runs exactly once.
func TestTaskContextEndRaces(t *testing.T) {
	for range 1000 {
		// In a bubble, a lost wake-up fails the test as a deadlock.
		synctest.Test(t, func(t *testing.T) {
			c := &taskContext{parent: context.Background()}
			var ran atomic.Int32
			start := make(chan struct{})
			dones := make(chan (<-chan struct{}), 2)
			finished := make(chan struct{}, 3)
			go func() { <-start; c.interrupt(); finished <- struct{}{} }()
			go func() { <-start; dones <- c.Done(); finished <- struct{}{} }()
			go func() {
				<-start
				context.AfterFunc(c, func() { ran.Add(1); finished <- struct{}{} })
				finished <- struct{}{}
			}()
			close(start)
			for range 4 {
				<-finished
			}
			<-<-dones
			c.interrupt() // a second end changes nothing
			require.EqualValues(t, 1, ran.Load())
			require.ErrorIs(t, c.Err(), context.Canceled)
		})
	}
}

// An executor's task under a parent that can end is its own context once it
// runs, as a task from Go is: the queue's registration on the parent is
// gone, Cancel ends it with Canceled, and the parent's end with the
// parent's cause.
func TestSubmitTaskContextCancellableParent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(2)
		defer ex.Close()
		boom := errors.New("boom")
		parent, cancel := context.WithCancelCause(context.Background())
		submit := func(fn func(context.Context) (int, error)) *Future[int] { return Submit(parent, ex, fn) }

		f, ctx := capture(submit, true)
		require.IsType(t, &taskContext{}, ctx)
		require.NotNil(t, ctx.(*taskContext).ext.Load().inner,
			"the function's Done made the extra part: the queue's holder of its registration is gone")
		require.True(t, f.Cancel())
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		require.ErrorIs(t, context.Cause(ctx), context.Canceled)

		g, gctx := capture(submit, true)
		cancel(boom)
		_, err = g.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		require.ErrorIs(t, context.Cause(gctx), boom)
	})
}
