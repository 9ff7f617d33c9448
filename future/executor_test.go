package future

import (
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestExecutorSubmit(t *testing.T) {
	ex := NewExecutor(2)
	defer ex.Close()
	f := Submit(context.Background(), ex, func(context.Context) (int, error) { return 42, nil })
	v, err := f.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 42, v)
	require.Equal(t, "<Task finished result=42>", f.String())
}

// Python B.16: the default is min(32, cpus+4).
// CPython: test_default_workers.
func TestDefaultWorkers(t *testing.T) {
	for _, n := range []int{0, -1} {
		ex := NewExecutor(n)
		require.Equal(t, min(32, runtime.GOMAXPROCS(0)+4), ex.MaxWorkers())
		require.NoError(t, ex.Close())
	}
}

// Python B.17: three sequential submit().result() calls use one worker.
// CPython: test_thread_pool.py test_idle_thread_reuse.
func TestIdleThreadReuse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(4)
		for range 3 {
			_, err := Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil }).Result(context.Background())
			require.NoError(t, err)
			synctest.Wait() // the worker is idle again
		}
		require.Equal(t, 1, ex.Stats().Workers)
		require.NoError(t, ex.Close())
	})
}

// Python B.17: workers start only up to the maximum; the rest queue.
// CPython: test_saturation.
func TestSaturation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(4)
		release := make(chan struct{})
		var fs []*Future[int]
		for range 15 {
			fs = append(fs, Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return 1, nil }))
		}
		synctest.Wait()
		st := ex.Stats()
		require.Equal(t, 4, st.Workers)
		require.Equal(t, 4, st.Running)
		require.Equal(t, 11, st.Queued)
		require.Equal(t, 0, st.Idle)
		close(release)
		_, err := Gather(context.Background(), fs...)
		require.NoError(t, err)
		require.NoError(t, ex.Close())
		requireSettled(t, ex, ExecutorStats{})
	})
}

// Python B.18: tasks start in submission order.
func TestFIFOStart(t *testing.T) {
	ex := NewExecutor(1)
	var mu sync.Mutex
	var order []int
	block := make(chan struct{})
	first := Submit(context.Background(), ex, func(context.Context) (int, error) { <-block; return 0, nil })
	var fs []*Future[int]
	for i := range 20 {
		fs = append(fs, Submit(context.Background(), ex, func(context.Context) (int, error) {
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			return i, nil
		}))
	}
	close(block)
	_, err := Gather(context.Background(), append(fs, first)...)
	require.NoError(t, err)
	require.True(t, slices.IsSorted(order))
	require.Len(t, order, 20)
	require.NoError(t, ex.Close())
}

// Cancel on a queued task removes it: it never runs.
func TestCancelQueued(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		release := make(chan struct{})
		busy := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return 0, nil })
		var ran atomic.Bool
		queued := Submit(context.Background(), ex, func(context.Context) (int, error) { ran.Store(true); return 1, nil })
		synctest.Wait()
		require.Equal(t, 1, ex.Stats().Queued)
		require.True(t, queued.Cancel())
		require.Equal(t, 0, ex.Stats().Queued, "removed from the queue at once")
		_, err := queued.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		close(release)
		_, _ = busy.Result(context.Background())
		require.NoError(t, ex.Close())
		require.False(t, ran.Load())
	})
}

// Cancel on a running executor task cancels its context.
func TestCancelRunningSubmitted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		f := Submit(context.Background(), ex, func(ctx context.Context) (int, error) { <-ctx.Done(); return 0, ctx.Err() })
		synctest.Wait()
		require.True(t, f.Running())
		require.True(t, f.Cancel())
		_, err := f.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		require.NoError(t, ex.Close())
	})
}

// Python B.22: submit after shutdown fails. CPython: test_run_after_shutdown.
func TestRunAfterShutdown(t *testing.T) {
	ex := NewExecutor(1)
	ex.Shutdown()
	f := Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil })
	require.True(t, f.IsDone())
	require.ErrorIs(t, f.Err(), ErrShutdown)
	require.NoError(t, ex.Wait(context.Background()))
}

// Python B.19: shutdown is idempotent; without waiting, queued work still
// runs. CPython: test_shutdown_no_wait, test_hang_issue12364.
func TestShutdownNoWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(2)
		var fs []*Future[int]
		for i := range 10 {
			fs = append(fs, Submit(context.Background(), ex, func(context.Context) (int, error) {
				time.Sleep(time.Second)
				return i, nil
			}))
		}
		ex.Shutdown()
		ex.Shutdown()
		for _, f := range fs {
			require.False(t, f.IsDone(), "Shutdown without Wait returns at once")
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		require.ErrorIs(t, ex.Wait(ctx), context.DeadlineExceeded)
		cancel()
		require.NoError(t, ex.Wait(context.Background()))
		vs, err := Gather(context.Background(), fs...)
		require.NoError(t, err)
		require.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, vs)
	})
}

// Python B.20/B.21: cancel_futures cancels what is queued; running tasks
// finish; the cancelled futures are really done (no gh-109934 hang).
// CPython: test_shutdown.py test_cancel_futures.
func TestCancelFutures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(2)
		var fs []*Future[int]
		for i := range 50 {
			fs = append(fs, Submit(context.Background(), ex, func(context.Context) (int, error) {
				time.Sleep(100 * time.Millisecond)
				return i, nil
			}))
		}
		synctest.Wait()
		ex.Shutdown(CancelPending())
		cancelled := 0
		for _, f := range fs {
			if f.Cancelled() {
				cancelled++
			}
		}
		require.Equal(t, 48, cancelled, "all but the two running")
		// wait and as-completed see the cancelled ones as done at once
		done, pending, err := Wait(context.Background(), AllCompleted, fs...)
		require.NoError(t, err)
		require.Len(t, done, 50)
		require.Empty(t, pending)
		require.NoError(t, ex.Wait(context.Background()))
		require.NoError(t, fs[0].Err())
		require.NoError(t, fs[1].Err())
	})
}

// A panic in a task is its error; the worker survives.
func TestExecutorPanic(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	f := Submit(context.Background(), ex, func(context.Context) (int, error) { panic("bad task") })
	var pe *PanicError
	require.ErrorAs(t, waitErr(f), &pe)
	v, err := Submit(context.Background(), ex, func(context.Context) (int, error) { return 7, nil }).Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 7, v)
	require.Equal(t, 1, ex.Stats().Workers)
}

// runtime.Goexit in a task kills its worker; a replacement takes the queue.
func TestExecutorGoexit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		release := make(chan struct{})
		f := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; runtime.Goexit(); return 0, nil })
		g := Submit(context.Background(), ex, func(context.Context) (int, error) { return 2, nil })
		close(release)
		require.ErrorIs(t, waitErr(f), ErrGoexit)
		v, err := g.Result(context.Background())
		require.NoError(t, err)
		require.Equal(t, 2, v)
		require.NoError(t, ex.Close())
	})
}

// waitErr waits for f and returns its error.
func waitErr[T any](f *Future[T]) error {
	_, err := f.Result(context.Background())
	return err
}

// A stress under -race: 10,000 tasks, random cancellations, 8 workers. Every
// future ends in exactly one state; no task runs after it was cancelled while
// queued; the executor ends with nothing queued or running.
func TestExecutorStress(t *testing.T) {
	ex := NewExecutor(8)
	const n = 10_000
	fs := make([]*Future[int], n)
	ran := make([]atomic.Bool, n)
	cancelledQueued := make([]atomic.Bool, n)
	for i := range n {
		fs[i] = Submit(context.Background(), ex, func(ctx context.Context) (int, error) {
			ran[i].Store(true)
			if i%7 == 0 {
				select {
				case <-ctx.Done():
					return 0, ctx.Err()
				case <-time.After(time.Duration(rand.IntN(100)) * time.Microsecond):
				}
			}
			return i, nil
		})
		if rand.IntN(4) == 0 {
			k := rand.IntN(i + 1)
			wasPending := fs[k].State() == Pending
			if fs[k].Cancel() && wasPending && fs[k].Cancelled() && !ran[k].Load() {
				cancelledQueued[k].Store(true)
			}
		}
	}
	require.NoError(t, ex.Close())
	for i, f := range fs {
		require.True(t, f.IsDone(), "task %d not done", i)
		v, err := f.TryResult()
		switch f.State() {
		case Finished:
			require.NoError(t, err)
			require.Equal(t, i, v)
			require.True(t, ran[i].Load())
		case Cancelled:
			require.ErrorIs(t, err, ErrCancelled)
		default:
			t.Fatalf("task %d in state %v", i, f.State())
		}
	}
	for i := range n {
		if cancelledQueued[i].Load() && fs[i].Cancelled() {
			// Cancelled while pending: its function must never have run,
			// unless it was already running when cancelled (then it is
			// only cancelled if it honoured ctx, i%7 == 0).
			if ran[i].Load() {
				require.Zero(t, i%7, "task %d ran after being cancelled in the queue", i)
			}
		}
	}
	requireSettled(t, ex, ExecutorStats{})
}
