package future

import (
	"context"
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
