package future

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRaceStress races 1,000 goroutines doing SetResult, SetError, Cancel,
// AddDoneCallback, AfterDone and Result on one future: exactly one outcome
// wins, every callback runs exactly once, and every waiter sees the outcome.
func TestRaceStress(t *testing.T) {
	for round := range 20 {
		f := New[int]()
		const n = 1000
		var (
			wg         sync.WaitGroup
			start      = make(chan struct{})
			winsSet    atomic.Int64
			winningVal atomic.Int64
			winsErr    atomic.Int64
			cancels    atomic.Int64
			calls      [n]atomic.Int32
			results    [n]struct {
				v   int
				err error
			}
			waiters []int
		)
		errs := make([]error, n)
		for i := range n {
			errs[i] = errors.New("err")
			if i%5 == 4 {
				waiters = append(waiters, i)
			}
		}
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				switch i % 5 {
				case 0:
					if f.SetResult(i) == nil {
						winsSet.Add(1)
						winningVal.Store(int64(i))
					}
				case 1:
					if f.SetError(errs[i]) == nil {
						winsErr.Add(1)
						winningVal.Store(int64(i))
					}
				case 2:
					if f.Cancel() {
						cancels.Add(1)
					}
				case 3:
					if i%2 == 0 {
						f.AddDoneCallback(func(*Future[int]) { calls[i].Add(1) })
					} else {
						f.AfterDone(func() { calls[i].Add(1) })
					}
				case 4:
					results[i].v, results[i].err = f.Result(context.Background())
				}
			}()
		}
		close(start)
		wg.Wait()

		require.True(t, f.IsDone(), "round %d", round)
		wins := winsSet.Load() + winsErr.Load()
		if f.Cancelled() {
			require.Zero(t, wins, "a cancelled future had a set win")
			require.Positive(t, cancels.Load())
		} else {
			require.Equal(t, int64(1), wins, "exactly one set wins")
			require.Zero(t, cancels.Load(), "Cancel returned true on a finished future")
		}
		v, err := f.TryResult()
		switch {
		case f.Cancelled():
			require.ErrorIs(t, err, ErrCancelled)
		case winsSet.Load() == 1:
			require.NoError(t, err)
			require.Equal(t, int(winningVal.Load()), v)
		default:
			require.Same(t, errs[winningVal.Load()], err)
		}
		for i := range n {
			if i%5 == 3 {
				require.Equal(t, int32(1), calls[i].Load(), "callback %d ran %d times", i, calls[i].Load())
			}
		}
		for _, i := range waiters {
			require.Equal(t, v, results[i].v)
			require.Equal(t, err, results[i].err)
		}
	}
}

// TestTaskCancelRace races Cancel against a task starting and finishing: the
// task ends in exactly one state, and if it ended Cancelled while its function
// returned a value, that can only be because Cancel won before the start.
func TestTaskCancelRace(t *testing.T) {
	for range 2000 {
		var ran atomic.Bool
		f := Go(context.Background(), func(ctx context.Context) (int, error) {
			ran.Store(true)
			return 1, nil
		})
		cancelled := f.Cancel()
		_, err := f.Result(context.Background())
		switch f.State() {
		case Cancelled:
			require.True(t, cancelled)
			require.ErrorIs(t, err, ErrCancelled)
			require.False(t, ran.Load(), "cancelled, yet its function ran")
		case Finished:
			require.NoError(t, err)
			require.True(t, ran.Load())
		default:
			t.Fatalf("state %v after Result", f.State())
		}
	}
}
