package future

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// callbacksOn counts the callbacks registered on f and not yet run.
func callbacksOn[T any](f *Future[T]) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	if f.first != nil {
		n++
	}
	if f.ext != nil {
		n += len(f.ext.callbacks)
	}
	return n
}

// A callback that calls runtime.Goexit (a require.* in a test is enough)
// takes the completing goroutine with it, but the callbacks after it still
// run: Gather's own among them, so Gather does not hang.
func TestCallbackGoexitRunsTheRest(t *testing.T) {
	f := New[int]()
	var ran []int
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, 1) })
	f.AddDoneCallback(func(*Future[int]) { runtime.Goexit() })
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, 3) })
	f.AfterDone(func() { runtime.Goexit() })
	f.AfterDone(func() { ran = append(ran, 5) })
	gathered := make(chan error, 1)
	go func() {
		_, err := Gather(context.Background(), f)
		gathered <- err
	}()
	for callbacksOn(f) < 6 { // Gather's callback is registered
		runtime.Gosched()
	}
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		_ = f.SetResult(1)
		t.Error("SetResult returned: the Goexit in a callback was swallowed")
	}()
	<-exited
	require.Equal(t, []int{1, 3, 5}, ran)
	require.NoError(t, <-gathered)
}

// A Goexit in a callback added to a done future (it runs at once) still
// exits the caller's goroutine, as Goexit demands; the future is unharmed.
func TestCallbackGoexitOnDoneFuture(t *testing.T) {
	f := New[int]()
	_ = f.SetResult(4)
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		f.AddDoneCallback(func(*Future[int]) { runtime.Goexit() })
		t.Error("AddDoneCallback returned after Goexit")
	}()
	<-exited
	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 4, v)
}

// Shield leaves no callback behind on the inner future once the shielded
// one is done: a retry loop of WaitFor(ctx, Shield(f)) stays bounded.
func TestShieldRetryLoopIsBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		inner := sleepy(context.Background(), time.Hour, 1, nil)
		for range 1000 {
			ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
			_, err := WaitFor(ctx, Shield(inner))
			cancel()
			require.ErrorIs(t, err, context.DeadlineExceeded)
		}
		require.LessOrEqual(t, callbacksOn(inner), 1, "one callback per Shield call was left on the inner future")
		require.False(t, inner.IsDone())
		inner.Cancel()
		_, _ = inner.Result(context.Background())
	})
}

// A task may finish with both a value and an error; Shield copies both.
func TestShieldCopiesValueAndError(t *testing.T) {
	release := make(chan struct{})
	inner := Go(context.Background(), func(context.Context) (int, error) {
		<-release
		return 7, errBoom
	})
	outer := Shield(inner)
	close(release)
	v, err := outer.Result(context.Background())
	require.Same(t, errBoom, err)
	require.Equal(t, 7, v)
}

// WaitFor must not report a stale timeout for a task that became done
// between its Result returning and its look at the task.
func TestWaitForNoStaleTimeout(t *testing.T) {
	for range 2000 {
		ctx, cancel := context.WithCancel(context.Background())
		f := New[int]()
		go func() {
			cancel()
			_ = f.SetResult(5)
		}()
		v, err := WaitFor(ctx, f)
		// Either the future won (5) or WaitFor cancelled it; never a
		// timeout reported for a future that finished with 5.
		if err != nil {
			require.ErrorIs(t, err, context.Canceled)
			require.True(t, f.Cancelled(), "WaitFor reported %v for %v", err, f)
		} else {
			require.Equal(t, 5, v)
		}
	}
}

// A sibling that returns context.Cause(ctx), the Go 1.20 idiom, repeats the
// first failure: it is cancellation noise, not a second failure. With one
// real failure, Wait returns that error itself, as errgroup does.
func TestGroupCauseIsNoise(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGroup(context.Background())
		GoIn(g, func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, context.Cause(ctx)
		})
		GoIn(g, func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, fmt.Errorf("sibling: %w", context.Cause(ctx))
		})
		GoIn(g, func(ctx context.Context) (int, error) {
			time.Sleep(time.Second)
			return 0, errBoom
		})
		err := g.Wait()
		require.Same(t, errBoom, err, "the first failure itself, not a join")
	})
}

// SetResult and SetError on a task's future are refused: the task's
// function decides its outcome (asyncio refuses Task.set_result).
func TestSetResultOnTaskRefused(t *testing.T) {
	release := make(chan struct{})
	body := func(context.Context) (int, error) { <-release; return 1, nil }
	ex := NewExecutor(1)
	defer ex.Close()
	for name, f := range map[string]*Future[int]{
		"Go":              Go(context.Background(), body),
		"Go, cancellable": Go(t.Context(), body),
		"Submit":          Submit(context.Background(), ex, body),
		"Submit, queued":  Submit(context.Background(), ex, body),
	} {
		require.ErrorIs(t, f.SetResult(9), ErrInvalidState, name)
		require.ErrorIs(t, f.SetError(errBoom), ErrInvalidState, name)
		defer func() {
			v, err := f.Result(context.Background())
			require.NoError(t, err, name)
			require.Equal(t, 1, v, name)
		}()
	}
	close(release)
}

// A task whose function returns a wrapped context.Canceled ends cancelled
// and keeps the message.
func TestTaskWrappedCancelKeepsMessage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	wrapped := Go(context.Background(), func(context.Context) (int, error) {
		return 0, fmt.Errorf("fetch /x: %w", ctx.Err())
	})
	_, err := wrapped.Result(context.Background())
	require.True(t, wrapped.Cancelled())
	require.ErrorIs(t, err, ErrCancelled)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, "fetch /x: context canceled", err.Error())

	bare := Go(context.Background(), func(context.Context) (int, error) { return 0, context.Canceled })
	_, err = bare.Result(context.Background())
	require.True(t, bare.Cancelled())
	require.ErrorIs(t, err, ErrCancelled)
}

// Close (or Wait) from inside one of the executor's own tasks would wait for
// itself forever; it fails loudly instead (Python: "cannot join current
// thread").
func TestCloseFromOwnTask(t *testing.T) {
	ex := NewExecutor(2)
	var wg sync.WaitGroup
	wg.Add(1)
	f := Submit(context.Background(), ex, func(context.Context) (int, error) {
		defer wg.Done()
		return 0, ex.Close()
	})
	_, err := f.Result(context.Background())
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	require.ErrorIs(t, err, ErrSelfWait)
	require.Contains(t, err.Error(), "Shutdown")
	wg.Wait()
	require.NoError(t, ex.Close(), "from outside it works")
}
