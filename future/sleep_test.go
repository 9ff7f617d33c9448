package future

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// Sleep pauses for d, and returns early with ctx.Err() when ctx ends: a task
// sleeping in it is cancellable, unlike one in time.Sleep.
func TestSleep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		require.NoError(t, Sleep(context.Background(), time.Second))
		require.Equal(t, time.Second, time.Since(start))

		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start = time.Now()
		require.ErrorIs(t, Sleep(ctx, time.Hour), context.DeadlineExceeded)
		require.Equal(t, 300*time.Millisecond, time.Since(start))
		require.ErrorIs(t, Sleep(ctx, time.Hour), context.DeadlineExceeded, "already ended: at once")
		require.Equal(t, 300*time.Millisecond, time.Since(start))

		require.NoError(t, Sleep(context.Background(), 0))
		require.NoError(t, Sleep(context.Background(), -time.Second))

		task := Go(context.Background(), func(ctx context.Context) (int, error) {
			return 0, Sleep(ctx, time.Hour)
		})
		synctest.Wait()
		task.Cancel()
		_, err := task.Result(context.Background())
		require.ErrorIs(t, err, ErrCancelled)
		require.Equal(t, 300*time.Millisecond, time.Since(start), "the cancelled task woke at once")
	})
}

// In a task from Go, Sleep waits on a timer and the parent's Done without
// making the task's context a channel of its own, and each way of ending it
// still wakes it at once: Cancel, the parent's end (with its cause), a
// deadline; the full pause returns nil; a second Sleep on the same context
// at the same time (it cannot use the timer wake-up) is woken too.
func TestSleepInTask(t *testing.T) {
	boom := errors.New("boom")
	parents := map[string]func() (context.Context, context.CancelCauseFunc){
		"background": func() (context.Context, context.CancelCauseFunc) { return context.Background(), nil },
		"cancellable": func() (context.Context, context.CancelCauseFunc) {
			return context.WithCancelCause(context.Background())
		},
	}
	for name, parentOf := range parents {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				parent, cancelParent := parentOf()
				if cancelParent != nil {
					defer cancelParent(nil)
				}
				start := time.Now()
				var ctxs = make(chan context.Context, 1)
				full := Go(parent, func(ctx context.Context) (int, error) {
					ctxs <- ctx
					return 0, Sleep(ctx, time.Second)
				})
				_, err := full.Result(context.Background())
				require.NoError(t, err)
				require.Equal(t, time.Second, time.Since(start), "the full pause")
				ctx := <-ctxs
				require.Equal(t, endedBare, ctx.(*goContext).ext.Load(),
					"ended by itself without making an extra part: no Done channel")

				start = time.Now()
				second := make(chan error, 1)
				cancelled := Go(parent, func(ctx context.Context) (int, error) {
					go func() { second <- Sleep(ctx, time.Hour) }()
					return 0, Sleep(ctx, time.Hour)
				})
				synctest.Wait()
				require.True(t, cancelled.Cancel())
				_, err = cancelled.Result(context.Background())
				require.ErrorIs(t, err, ErrCancelled)
				require.ErrorIs(t, <-second, context.Canceled)
				require.Zero(t, time.Since(start), "woken at once")

				release := make(chan struct{})
				already := Go(parent, func(ctx context.Context) (int, error) {
					<-release // until Cancel
					return 0, Sleep(ctx, time.Hour)
				})
				synctest.Wait()
				already.Cancel()
				close(release)
				_, err = already.Result(context.Background())
				require.ErrorIs(t, err, ErrCancelled)
				require.Zero(t, time.Since(start), "cancelled before Sleep: at once")

				if cancelParent == nil {
					return
				}
				causes := make(chan error, 1)
				byParent := Go(parent, func(ctx context.Context) (int, error) {
					err := Sleep(ctx, time.Hour)
					causes <- context.Cause(ctx)
					return 0, err
				})
				synctest.Wait()
				cancelParent(boom)
				_, err = byParent.Result(context.Background())
				require.ErrorIs(t, err, ErrCancelled)
				require.ErrorIs(t, <-causes, boom)
				require.Zero(t, time.Since(start), "woken at once by the parent")
			})
		})
	}
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		parent, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		task := Go(parent, func(ctx context.Context) (int, error) { return 0, Sleep(ctx, time.Hour) })
		_, err := task.Result(context.Background())
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Equal(t, time.Minute, time.Since(start), "woken at the parent's deadline")
	})
}

// TestSleepCancelStress races Cancel, the parent's end and the function's
// return against Sleep's wake-up protocol, with more goroutines than cores:
// every sleeping task wakes (a lost wake-up hangs a Result, caught by its
// deadline).
func TestSleepCancelStress(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(8, 2*runtime.NumCPU())))
	rounds, n := 20, 200
	if stress() {
		rounds = 500
	}
	for round := range rounds {
		parent, cancelParent := context.WithCancel(context.Background())
		tasks := make([]*Future[int], n)
		self := make([]chan *Future[int], n)
		for i := range tasks {
			self[i] = make(chan *Future[int], 1)
			tasks[i] = Go(parent, func(ctx context.Context) (int, error) {
				switch i % 7 {
				case 0:
					go func() { _ = Sleep(ctx, time.Hour) }() // a second sleeper, woken when fn returns
				case 1, 2, 3:
					go (<-self[i]).Cancel() // races Sleep's taking of the wake-up
				}
				return 0, Sleep(ctx, time.Hour)
			})
			self[i] <- tasks[i]
		}
		for i, f := range tasks {
			if (i%7 == 0 || i%7 > 3) && (i%2 == 0 || round%3 != 0) {
				if i%4 == 0 {
					runtime.Gosched()
				}
				f.Cancel()
			}
		}
		if round%3 == 0 {
			cancelParent() // the tasks not cancelled end with the parent
		}
		bound, cancel := context.WithTimeout(context.Background(), time.Minute)
		for i, f := range tasks {
			_, err := f.Result(bound)
			require.ErrorIs(t, err, ErrCancelled, "round %d task %d", round, i)
		}
		cancel()
		cancelParent()
	}
}
