package future

import (
	"context"
	"errors"
	"fmt"
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

// Map reuses a window slot for a later input as soon as its outcome is
// yielded, while workers finish other calls in any order and the loop sleeps
// on slots whose previous use just ended: every result still comes out once,
// in order, under -race.
func TestMapSlotReuseStress(t *testing.T) {
	const n = 20_000
	for _, window := range []int{1, 2, 3, 16} {
		t.Run(fmt.Sprint(window), func(t *testing.T) {
			ex := NewExecutor(4)
			defer ex.Close()
			got := 0
			for v, err := range Map(context.Background(), ex, slices.Values(count(n)), func(_ context.Context, i int) (string, error) {
				if rand.IntN(4) == 0 {
					runtime.Gosched() // finish out of order
				}
				if i%1000 == 999 {
					return "", fmt.Errorf("call %d", i)
				}
				return fmt.Sprint(i), nil
			}, BufferSize(window)) {
				if got%1000 == 999 {
					require.EqualError(t, err, fmt.Sprintf("call %d", got))
				} else {
					require.NoError(t, err)
					require.Equal(t, fmt.Sprint(got), v)
				}
				got++
			}
			require.Equal(t, n, got)
		})
	}
}

// count returns 0, 1, …, n-1.
func count(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// A call that panics or calls runtime.Goexit yields a *PanicError or
// ErrGoexit at its position; the loop goes on, on a surviving or replaced
// worker. A call's own error is yielded as it returned it, even one that
// wraps context.Canceled.
func TestMapAbnormalCalls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		defer ex.Close()
		own := fmt.Errorf("gave up: %w", context.Canceled)
		vs, errs := collectMap(Map(context.Background(), ex, slices.Values([]int{0, 1, 2, 3, 4}),
			func(_ context.Context, i int) (int, error) {
				switch i {
				case 1:
					panic("bad input")
				case 2:
					runtime.Goexit()
				case 3:
					return 0, own
				}
				return i * 10, nil
			}))
		require.Equal(t, []int{0, 0, 0, 0, 40}, vs)
		require.NoError(t, errs[0])
		var pe *PanicError
		require.ErrorAs(t, errs[1], &pe)
		require.Equal(t, "bad input", pe.Value)
		require.ErrorIs(t, errs[2], ErrGoexit)
		require.Same(t, own, errs[3])
		require.NoError(t, errs[4])
		require.Equal(t, 1, ex.Stats().Workers, "the worker that called Goexit was replaced")
	})
}

// After Shutdown, every call of a Map is refused with ErrShutdown at its
// position, and nothing runs.
func TestMapAfterShutdown(t *testing.T) {
	ex := NewExecutor(2)
	require.NoError(t, ex.Close())
	ran := false
	vs, errs := collectMap(Map(context.Background(), ex, slices.Values([]int{1, 2, 3}),
		func(context.Context, int) (int, error) { ran = true; return 1, nil }, BufferSize(2)))
	require.Equal(t, []int{0, 0, 0}, vs)
	for _, err := range errs {
		require.ErrorIs(t, err, ErrShutdown)
	}
	require.False(t, ran)
}

// Shutdown with CancelPending cancels a Map's queued calls: they yield
// ErrCancelled at their positions and never run; the running call finishes.
func TestMapCancelPending(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		var started atomic.Int32
		go func() {
			time.Sleep(time.Second) // the first call is running, three are queued
			ex.Shutdown(CancelPending())
		}()
		vs, errs := collectMap(Map(context.Background(), ex, slices.Values([]int{1, 2, 3, 4}),
			func(_ context.Context, i int) (int, error) {
				started.Add(1)
				time.Sleep(2 * time.Second)
				return i, nil
			}))
		require.Equal(t, []int{1, 0, 0, 0}, vs)
		require.NoError(t, errs[0])
		for _, err := range errs[1:] {
			require.ErrorIs(t, err, ErrCancelled)
		}
		require.Equal(t, int32(1), started.Load())
		require.NoError(t, ex.Wait(context.Background()))
	})
}

// Leaving the loop cancels the context of the calls still running; a
// BufferSize far beyond the input allocates nothing up front.
func TestMapBreakCancelsRunning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(3)
		defer ex.Close()
		var sawCancel atomic.Int32
		for v, err := range Map(context.Background(), ex, slices.Values([]int{0, 1, 2}),
			func(ctx context.Context, i int) (int, error) {
				if i == 0 {
					return 0, nil
				}
				<-ctx.Done()
				sawCancel.Add(1)
				return 0, ctx.Err()
			}, BufferSize(1<<40)) {
			require.NoError(t, err)
			require.Equal(t, 0, v)
			synctest.Wait() // the other two are running
			break
		}
		synctest.Wait()
		require.Equal(t, int32(2), sawCancel.Load())
	})
}

// Maps racing Shutdown, with and without CancelPending: every position
// yields its value, ErrShutdown or (with CancelPending) ErrCancelled; a call
// that yields an error never ran; every loop ends, and the executor ends
// with nothing queued. Some calls are queued while Shutdown begins, and are
// taken back (see mapRun.start).
func TestMapShutdownRace(t *testing.T) {
	raceShutdown(t, 200, func(ex *Executor, start <-chan struct{}, wg *sync.WaitGroup) func(bool) {
		const maps, each = 3, 60
		var (
			vs   [maps][]int
			errs [maps][]error
			ran  [maps][each]atomic.Bool
		)
		for m := range maps {
			wg.Go(func() {
				<-start
				vs[m], errs[m] = collectMap(Map(context.Background(), ex, slices.Values(count(each)),
					func(_ context.Context, i int) (int, error) { ran[m][i].Store(true); return i, nil },
					BufferSize(1+m*4)))
			})
		}
		return func(cancelPending bool) {
			for m := range maps {
				require.Len(t, errs[m], each)
				for i, err := range errs[m] {
					switch {
					case err == nil:
						require.Equal(t, i, vs[m][i])
						continue
					case errors.Is(err, ErrShutdown):
					case errors.Is(err, ErrCancelled):
						require.True(t, cancelPending, "cancelled without CancelPending")
					default:
						require.NoError(t, err)
					}
					require.False(t, ran[m][i].Load(), "map %d call %d yielded %v but ran", m, i, err)
				}
			}
		}
	})
}

// A call being queued while Shutdown begins, and that no worker has taken,
// is taken back and yields ErrShutdown; its queue slot is skipped later.
// The race is opened by holding the sleepers' lock: the loop has queued its
// call and waits there to wake a (stand-in) sleeping worker while Shutdown
// closes the executor.
func TestMapTakeBack(t *testing.T) {
	ex := NewExecutor(1)
	release := make(chan struct{})
	busy := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return 0, nil })
	for ex.Stats().Queued > 0 {
		runtime.Gosched() // until the only worker runs busy
	}
	ex.sleepMu.Lock()
	ex.sleeping = append(ex.sleeping, &sleeper{wake: make(chan struct{}, 1)})
	ex.nsleeping.Add(1)

	ran := false
	outcome := make(chan []error, 1)
	go func() {
		_, errs := collectMap(Map(context.Background(), ex, slices.Values([]int{1, 2}),
			func(context.Context, int) (int, error) { ran = true; return 1, nil }, BufferSize(1)))
		outcome <- errs
	}()
	for ex.ring.len() == 0 {
		runtime.Gosched() // until the first call is queued
	}
	shutDown := make(chan struct{})
	go func() { ex.Shutdown(); close(shutDown) }()
	for !ex.closed.Load() {
		runtime.Gosched()
	}
	ex.sleepMu.Unlock()

	var errs []error
	select {
	case errs = <-outcome:
	case <-time.After(10 * time.Second):
		// Not taken back: the call waits for the busy worker. Let it
		// run, so that the test fails rather than hangs.
		close(release)
		errs = <-outcome
		release = make(chan struct{})
	}
	require.Len(t, errs, 2)
	require.ErrorIs(t, errs[0], ErrShutdown, "taken back")
	require.ErrorIs(t, errs[1], ErrShutdown, "refused")
	require.Equal(t, 0, ex.Stats().Queued, "the taken-back call is not counted as queued")
	<-shutDown
	close(release)
	require.NoError(t, ex.Wait(context.Background()))
	require.False(t, ran)
	require.NoError(t, busy.Err())
	requireSettled(t, ex, ExecutorStats{})
}
