package future

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// A parked Result (a context that can never
// end) on a task from Go crosses synctest bubbles: the task made in a
// bubble and waited for outside it, made outside and waited for in a
// bubble, made in one bubble and waited for in another, and cancelled
// before it starts from outside its bubble. The WaitGroup's Add and Done
// both stay on the task's side, so none of these trips WaitGroup's
// bubble checks (fatal errors, which would kill the test binary).
func TestParkedResultAcrossBubbles(t *testing.T) {
	t.Run("madeInside/waitedOutside", func(t *testing.T) {
		fs := make(chan *Future[int], 1)
		got := make(chan int, 1)
		go func() {
			v, err := (<-fs).Result(context.Background())
			require.NoError(t, err)
			got <- v
		}()
		synctest.Test(t, func(t *testing.T) {
			f := Go(context.Background(), func(ctx context.Context) (int, error) {
				return 7, Sleep(ctx, time.Hour)
			})
			fs <- f
			_, _ = f.Result(context.Background())
		})
		require.Equal(t, 7, <-got)
	})
	t.Run("madeOutside/waitedInside", func(t *testing.T) {
		release := make(chan struct{})
		f := Go(context.Background(), func(context.Context) (int, error) { <-release; return 8, nil })
		go close(release) // the task ends outside the bubble, maybe before the Result parks
		synctest.Test(t, func(t *testing.T) {
			v, err := f.Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, 8, v)
		})
	})
	t.Run("madeInOne/waitedInAnother", func(t *testing.T) {
		fs := make(chan *Future[int], 1)
		done := make(chan struct{})
		go synctest.Test(t, func(t *testing.T) {
			defer close(done)
			v, err := (<-fs).Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, 9, v)
		})
		synctest.Test(t, func(t *testing.T) {
			f := Go(context.Background(), func(ctx context.Context) (int, error) { return 9, Sleep(ctx, time.Minute) })
			fs <- f
			_, _ = f.Result(context.Background())
		})
		<-done
	})
	t.Run("cancelledFromOutsideBeforeStart", func(t *testing.T) {
		for range 200 {
			fs := make(chan *Future[int], 1)
			go func() { (<-fs).Cancel() }()
			synctest.Test(t, func(t *testing.T) {
				f := Go(context.Background(), func(ctx context.Context) (int, error) { return 1, nil })
				fs <- f
				_, _ = f.Result(context.Background())
			})
		}
	})
}

// In a testing/synctest bubble: Results parked (with a context that can
// never end, and with one that can) on tasks that Sleep, wait on Done, are
// cancelled before they start, call Goexit or panic, while fake time runs
// and another goroutine of the bubble cancels them: no deadlock is
// reported, fake time moves, and the outcomes are the expected ones.
func TestParkedResultsInBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		t0 := time.Now()
		sleeper := Go(ctx, func(ctx context.Context) (int, error) { return 1, Sleep(ctx, time.Hour) })
		doner := Go(ctx, func(ctx context.Context) (int, error) { <-ctx.Done(); return 2, ctx.Err() })
		early := Go(ctx, func(ctx context.Context) (int, error) { return 3, nil })
		early.Cancel() // most likely before its goroutine runs
		goexit := Go(ctx, func(ctx context.Context) (int, error) { _ = Sleep(ctx, time.Minute); runtime.Goexit(); return 0, nil })
		panics := Go(ctx, func(ctx context.Context) (int, error) { _ = Sleep(ctx, 2*time.Minute); panic("boom") })
		full := Go(context.Background(), func(ctx context.Context) (int, error) { return 4, Sleep(ctx, 3*time.Minute) })
		go func() {
			time.Sleep(10 * time.Minute)
			sleeper.Cancel()
			doner.Cancel()
		}()
		type res struct {
			v   int
			err error
		}
		results := make([]res, 6)
		var wg sync.WaitGroup
		for i, f := range []*Future[int]{sleeper, doner, early, goexit, panics, full} {
			wg.Go(func() {
				v, err := f.Result(context.Background())
				v2, err2 := f.Result(ctx)
				require.Equal(t, v, v2)
				require.Equal(t, err, err2)
				results[i] = res{v, err}
			})
		}
		wg.Wait()
		require.Equal(t, 10*time.Minute, time.Since(t0))
		require.ErrorIs(t, results[0].err, ErrCancelled)
		require.ErrorIs(t, results[1].err, ErrCancelled)
		require.True(t, errors.Is(results[2].err, ErrCancelled) || results[2] == res{3, nil}, "%v", results[2])
		require.ErrorIs(t, results[3].err, ErrGoexit)
		var pe *PanicError
		require.ErrorAs(t, results[4].err, &pe)
		require.Equal(t, res{4, nil}, results[5])
	})
}
