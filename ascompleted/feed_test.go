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
// consumer sees all of them, and iteration ends only after Close, while the
// producer holds the feed.
func TestFeedProducerClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		feed := ascompleted.NewFeed[int]()
		release := feed.Hold()
		defer release()
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
	require.PanicsWithValue(t,
		"ascompleted: Feed.All ranged over a second time; a Feed is iterated by one loop, once",
		func() { collect(feed.All(context.Background())) },
		"a feed is iterated once, and a second loop says so")
}

// The crawler needs no Close: the iteration ends once nothing is pending
// after the loop body added what it found.
func TestFeedEndsByItself(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		fetch := func(depth int) *future.Future[int] {
			return future.Go(ctx, func(ctx context.Context) (int, error) {
				return depth, future.Sleep(ctx, time.Duration(depth+1)*time.Second)
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
		}
		require.Equal(t, 15, pages)
		require.Zero(t, feed.Pending())
		err := feed.Add(fetch(0))
		require.ErrorIs(t, err, ascompleted.ErrClosed)
		require.EqualError(t, err, "ascompleted: feed is closed: its iteration is over")
		synctest.Wait()
		time.Sleep(2 * time.Second) // let that last task end before the bubble does
	})
}

// A feed with nothing in it and no hold ends at once; a hold keeps it going
// until released, even with nothing pending.
func TestFeedHold(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs, errs := collect(ascompleted.NewFeed[int]().All(context.Background()))
		require.Empty(t, fs)
		require.Empty(t, errs)

		feed := ascompleted.NewFeed[int]()
		release := feed.Hold()
		go func() {
			time.Sleep(time.Minute)
			f := future.New[int]()
			require.NoError(t, feed.Add(f))
			resolveAfter(f, time.Second, 7)
			release()
			release() // idempotent
		}()
		start := time.Now()
		fs, errs = collect(feed.All(context.Background()))
		require.Len(t, fs, 1)
		require.Empty(t, errs)
		require.Equal(t, time.Minute+time.Second, time.Since(start))
	})
}

// After the loop ended by a break or by the end of ctx, Add says so instead of
// silently following nothing.
func TestFeedAddAfterLoopEnded(t *testing.T) {
	a := future.New[int]()
	_ = a.SetResult(1)
	feed := ascompleted.NewFeed(a, future.New[int]())
	for range feed.All(context.Background()) {
		break
	}
	require.ErrorIs(t, feed.Add(future.New[int]()), ascompleted.ErrClosed)

	feed = ascompleted.NewFeed(future.New[int]())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs := collect(feed.All(ctx))
	require.Len(t, errs, 1)
	require.ErrorIs(t, feed.Add(future.New[int]()), ascompleted.ErrClosed)
}

// Two loops over one feed at the same time: the second panics, loudly.
func TestFeedTwoLoops(t *testing.T) {
	a := future.New[int]()
	_ = a.SetResult(1)
	feed := ascompleted.NewFeed(a, future.New[int]())
	ctx, cancel := context.WithCancel(context.Background())
	inBody, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for f := range feed.All(ctx) {
			if f == a {
				close(inBody)
				<-release
			}
		}
	}()
	<-inBody
	require.PanicsWithValue(t,
		"ascompleted: Feed.All ranged over a second time; a Feed is iterated by one loop, once",
		func() {
			for range feed.All(ctx) {
			}
		})
	close(release)
	cancel()
	<-done
}

// Futures already done when added are yielded in argument order, whether
// they start the feed or come with a later Add, and ahead of one that
// completes after them; a duplicate in the same Add is dropped.
func TestFeedAlreadyDoneInArgumentOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		done := func(v int) *future.Future[int] {
			f := future.New[int]()
			_ = f.SetResult(v)
			return f
		}
		a, b, c, d := done(1), done(2), done(3), done(4)
		later := future.New[int]()
		feed := ascompleted.NewFeed(later, b, a)
		var got []*future.Future[int]
		for f, err := range feed.All(context.Background()) {
			require.NoError(t, err)
			got = append(got, f)
			if f == a {
				require.NoError(t, feed.Add(d, c, d))
				_ = later.SetResult(0)
				feed.Close()
			}
		}
		require.Equal(t, []*future.Future[int]{b, a, d, c, later}, got)
	})
}
