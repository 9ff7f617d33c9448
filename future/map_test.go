package future

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// collectMap ranges over a Map and returns values and errors by position.
func collectMap[T any](seq iter.Seq2[T, error]) (vs []T, errs []error) {
	for v, err := range seq {
		vs = append(vs, v)
		errs = append(errs, err)
	}
	return vs, errs
}

// Python B.26: results in input order, whatever order the calls finish in.
// CPython: executor.py test_map.
func TestMap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(4)
		defer ex.Close()
		in := slices.Values([]int{5, 1, 4, 2, 3})
		vs, errs := collectMap(Map(context.Background(), ex, in, func(_ context.Context, d int) (int, error) {
			time.Sleep(time.Duration(d) * time.Second)
			return d * d, nil
		}))
		require.Equal(t, []int{25, 1, 16, 4, 9}, vs)
		require.Equal(t, []error{nil, nil, nil, nil, nil}, errs)
	})
}

// Python B.28, improved per gh-108518: the error is yielded at its position
// and the loop goes on. CPython: test_map_exception.
func TestMapException(t *testing.T) {
	ex := NewExecutor(2)
	defer ex.Close()
	in := slices.Values([]int{5, 1, 0, 2})
	vs, errs := collectMap(Map(context.Background(), ex, in, func(_ context.Context, d int) (int, error) {
		if d == 0 {
			return 0, errors.New("division by zero")
		}
		return 10 / d, nil
	}))
	require.Equal(t, []int{2, 10, 0, 5}, vs)
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	require.EqualError(t, errs[2], "division by zero", "surfaces on the third item")
	require.NoError(t, errs[3], "and iteration continues past it")
}

// Python B.27/B.29: one deadline; the results ready in order are yielded, then
// the timeout, and the call being waited on is cancelled.
// CPython: test_map_timeout, test_executor_map_current_future_cancel.
func TestMapTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(4)
		defer ex.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var slowSawCancel atomic.Bool
		vs, errs := collectMap(Map(ctx, ex, slices.Values([]int{0, 0, 6}), func(ctx context.Context, d int) (string, error) {
			select {
			case <-time.After(time.Duration(d) * time.Second):
				return "ok", nil
			case <-ctx.Done():
				slowSawCancel.Store(true)
				return "", ctx.Err()
			}
		}))
		require.Equal(t, []string{"ok", "ok", ""}, vs)
		require.NoError(t, errs[0])
		require.NoError(t, errs[1])
		require.ErrorIs(t, errs[2], context.DeadlineExceeded)
		synctest.Wait()
		require.True(t, slowSawCancel.Load(), "the call being waited on was cancelled")
	})
}

// Python B.29: after leaving the loop, the remaining calls never start.
// CPython: test_executor_map_current_future_cancel.
func TestMapBreakCancelsRest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		defer ex.Close()
		var started atomic.Int32
		for v, err := range Map(context.Background(), ex, slices.Values([]int{1, 2, 3, 4, 5, 6}),
			func(_ context.Context, d int) (int, error) {
				started.Add(1)
				time.Sleep(time.Second)
				return d, nil
			}, BufferSize(4)) {
			require.NoError(t, err)
			require.Equal(t, 1, v)
			break
		}
		synctest.Wait()
		// The worker may pick up the second call the moment the first one
		// ends, before the loop body breaks; the other four never start.
		require.LessOrEqual(t, started.Load(), int32(2), "queued calls were cancelled and never ran")
		require.Equal(t, 0, ex.Stats().Queued)
	})
}

// Python B.29: after a timeout, neither the call being waited on nor the
// remaining ones start. CPython: test_executor_map_current_future_cancel.
func TestExecutorMapCurrentFutureCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		defer ex.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		var started atomic.Int32
		_, errs := collectMap(Map(ctx, ex, slices.Values([]int{1, 2, 3}), func(ctx context.Context, _ int) (int, error) {
			started.Add(1)
			select {
			case <-time.After(time.Second):
				return 1, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}))
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], context.DeadlineExceeded)
		synctest.Wait()
		require.Equal(t, int32(1), started.Load(), "only the first call ever started")
		requireSettled(t, ex, ExecutorStats{Workers: 1, Idle: 1})
	})
}

// The input is pulled lazily with a bounded number of calls in flight: an
// endless input works, and breaking stops it.
func TestMapLazyBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(2)
		defer ex.Close()
		var pulled, inFlight, peak atomic.Int32
		naturals := func(yield func(int) bool) {
			for i := 0; ; i++ {
				pulled.Add(1)
				if !yield(i) {
					return
				}
			}
		}
		got := 0
		for v, err := range Map(context.Background(), ex, naturals, func(_ context.Context, i int) (int, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(time.Millisecond)
			return i, nil
		}, BufferSize(3)) {
			require.NoError(t, err)
			require.Equal(t, got, v)
			got++
			if got == 100 {
				break
			}
		}
		require.LessOrEqual(t, pulled.Load(), int32(100+3), "pulled only as consumed")
		require.LessOrEqual(t, peak.Load(), int32(2))
	})
}

// A ctx cancelled before the loop starts yields only the error and pulls
// nothing.
func TestMapCancelledContext(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pulled := false
	in := func(yield func(int) bool) { pulled = true; yield(1) }
	vs, errs := collectMap(Map(ctx, ex, in, func(context.Context, int) (int, error) { return 1, nil }))
	require.Len(t, vs, 1)
	require.ErrorIs(t, errs[0], context.Canceled)
	require.False(t, pulled)
}

func TestMapEmpty(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	vs, _ := collectMap(Map(context.Background(), ex, slices.Values([]int(nil)), func(context.Context, int) (int, error) { return 1, nil }))
	require.Empty(t, vs)
}
