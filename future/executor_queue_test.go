package future

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

// More tasks than the ring holds: the rest wait in the overflow list, the
// order of submission is kept across the two, Stats counts both, and a task
// cancelled in either never runs.
func TestExecutorOverflowFIFO(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		release := make(chan struct{})
		busy := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return -1, nil })
		synctest.Wait()
		queueSize := len(ex.ring.slots)
		n := 3*queueSize + 17
		var (
			mu    sync.Mutex
			order []int
		)
		fs := make([]*Future[int], n)
		for i := range fs {
			fs[i] = Submit(context.Background(), ex, func(context.Context) (int, error) {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				return i, nil
			})
		}
		require.True(t, ex.spill.Load(), "the ring is full")
		require.Equal(t, n, ex.Stats().Queued)
		cancelled := map[int]bool{3: true, queueSize + 5: true, n - 1: true}
		for i := range cancelled {
			require.True(t, fs[i].Cancel())
		}
		require.Equal(t, n-len(cancelled), ex.Stats().Queued)
		close(release)
		_, err := busy.Result(context.Background())
		require.NoError(t, err)
		require.NoError(t, ex.Close())
		var want []int
		for i := range n {
			if !cancelled[i] {
				want = append(want, i)
			}
		}
		require.Equal(t, want, order)
		require.False(t, ex.spill.Load())
		requireSettled(t, ex, ExecutorStats{})
	})
}

// Shutdown with CancelPending cancels what waits in the ring and in the
// overflow list alike.
func TestCancelFuturesOverflow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := NewExecutor(1)
		release := make(chan struct{})
		busy := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return 0, nil })
		synctest.Wait()
		var ran atomic.Int32
		fs := make([]*Future[int], 2*len(ex.ring.slots))
		for i := range fs {
			fs[i] = Submit(context.Background(), ex, func(context.Context) (int, error) { ran.Add(1); return i, nil })
		}
		ex.Shutdown(CancelPending())
		for i, f := range fs {
			require.True(t, f.Cancelled(), "task %d", i)
		}
		require.Equal(t, 0, ex.Stats().Queued)
		close(release)
		require.NoError(t, ex.Wait(context.Background()))
		require.NoError(t, busy.Err())
		require.Zero(t, ran.Load())
	})
}

// raceShutdown runs rounds in which goroutines load a fresh executor, all
// at once, while Shutdown races them, with CancelPending in odd rounds.
// load starts the goroutines with wg.Go, each waiting for start, and
// returns what to check once they have returned. Every round must end with
// Wait returning and nothing queued or running.
func raceShutdown(t *testing.T, rounds int,
	load func(ex *Executor, start <-chan struct{}, wg *sync.WaitGroup) (check func(cancelPending bool))) {
	for round := range rounds {
		cancelPending := round%2 == 1
		ex := NewExecutor(1 + round%4)
		var wg sync.WaitGroup
		start := make(chan struct{})
		check := load(ex, start, &wg)
		close(start)
		if cancelPending {
			ex.Shutdown(CancelPending())
		} else {
			ex.Shutdown()
		}
		wg.Wait()
		require.NoError(t, ex.Wait(context.Background()))
		check(cancelPending)
		requireSettled(t, ex, ExecutorStats{}, "round %d", round)
	}
}

// Submit racing Shutdown: every future ends, either run and finished,
// failed with ErrShutdown without running, or (with CancelPending)
// cancelled without running; Wait returns, so no worker is left behind.
func TestSubmitShutdownRace(t *testing.T) {
	raceShutdown(t, 200, func(ex *Executor, start <-chan struct{}, wg *sync.WaitGroup) func(bool) {
		const submitters, each = 4, 50
		var (
			fs  [submitters * each]*Future[int]
			ran [submitters * each]atomic.Bool
		)
		for s := range submitters {
			wg.Go(func() {
				<-start
				for j := range each {
					i := s*each + j
					fs[i] = Submit(context.Background(), ex, func(context.Context) (int, error) { ran[i].Store(true); return i, nil })
				}
			})
		}
		return func(cancelPending bool) {
			for i, f := range fs {
				require.True(t, f.IsDone(), "task %d: %v", i, f)
				switch err := f.Err(); {
				case err == nil:
					require.True(t, ran[i].Load())
				case f.Cancelled():
					require.True(t, cancelPending, "cancelled without CancelPending")
					require.False(t, ran[i].Load())
				default:
					require.ErrorIs(t, err, ErrShutdown)
					require.False(t, ran[i].Load())
				}
			}
		}
	})
}

// Workers that go to sleep as tasks arrive one by one are always woken: a
// submitter keeping a small window of tasks in flight, as Map does, never
// waits forever. (A version whose wake-ups went to whichever worker asked
// first lost one within a few hundred thousand tasks.)
func TestExecutorNoLostWakeup(t *testing.T) {
	ex := NewExecutor(8)
	defer ex.Close()
	var window []*Future[int]
	for i := range 100_000 {
		window = append(window, Submit(context.Background(), ex, func(context.Context) (int, error) { return i, nil }))
		if len(window) == 16 {
			v, err := window[0].Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, i-15, v)
			window = window[1:]
		}
	}
}

// SetRunning is for futures from New: a task refuses it, so that its worker
// can still start it.
func TestSetRunningOnTask(t *testing.T) {
	ex := NewExecutor(1)
	defer ex.Close()
	release := make(chan struct{})
	busy := Submit(context.Background(), ex, func(context.Context) (int, error) { <-release; return 0, nil })
	queued := Submit(context.Background(), ex, func(context.Context) (int, error) { return 7, nil })
	require.ErrorIs(t, queued.SetRunning(), ErrInvalidState)
	require.ErrorIs(t, busy.SetRunning(), ErrInvalidState)
	close(release)
	v, err := queued.Result(context.Background())
	require.NoError(t, err)
	require.Equal(t, 7, v)
}
