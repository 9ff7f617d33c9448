package future

import (
	"context"
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
