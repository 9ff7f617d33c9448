package ascompleted_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// A crawler: each page links to two deeper pages down to depth 3; new
// fetches are added from the loop body as results arrive, and the feed is
// closed when nothing is left pending.
func TestFeedCrawler(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		fetch := func(depth int) *future.Future[int] {
			return future.Go(ctx, func(context.Context) (int, error) {
				time.Sleep(time.Duration(4-depth) * time.Second)
				return depth, nil
			})
		}
		feed := ascompleted.NewFeed(fetch(0))
		pages := 0
		for f, err := range feed.All(ctx) {
			require.NoError(t, err)
			depth, _ := f.TryResult()
			pages++
			if depth < 3 {
				require.NoError(t, feed.Add(fetch(depth+1), fetch(depth+1)))
			}
			if feed.Pending() == 0 {
				feed.Close()
			}
		}
		require.Equal(t, 1+2+4+8, pages)
		require.ErrorIs(t, feed.Add(fetch(0)), ascompleted.ErrClosed)
		time.Sleep(5 * time.Second) // let that last task finish before the bubble ends
	})
}

// A producer goroutine feeds futures while another goroutine consumes; the
// consumer sees all of them, and iteration ends only after Close.
func TestFeedProducerClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		feed := ascompleted.NewFeed[int]()
		go func() {
			for i := range 10 {
				f := future.New[int]()
				require.NoError(t, feed.Add(f, f)) // the duplicate is dropped
				resolveAfter(f, time.Duration(10-i)*time.Second, i)
				time.Sleep(100 * time.Millisecond)
			}
			time.Sleep(time.Minute) // nothing pending for a while: iteration must wait
			feed.Close()
		}()
		start := time.Now()
		var got []int
		for f, err := range feed.All(context.Background()) {
			require.NoError(t, err)
			v, _ := f.TryResult()
			got = append(got, v)
		}
		require.Len(t, got, 10)
		require.Equal(t, 9, got[0], "the last added finishes first")
		require.GreaterOrEqual(t, time.Since(start), time.Minute, "ended only after Close")
	})
}

func TestFeedDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		feed := ascompleted.NewFeed(future.New[int]())
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, errs := collect(feed.All(ctx))
		require.Len(t, errs, 1)
		require.EqualError(t, errs[0], "1 (of 1) futures unfinished: context deadline exceeded")
	})
}

func TestFeedCloseEmpty(t *testing.T) {
	feed := ascompleted.NewFeed[int]()
	feed.Close()
	feed.Close() // idempotent
	fs, errs := collect(feed.All(context.Background()))
	require.Empty(t, fs)
	require.Empty(t, errs)
	fs, _ = collect(feed.All(context.Background()))
	require.Empty(t, fs, "a feed is iterated once")
}
