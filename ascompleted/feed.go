package ascompleted

import (
	"context"
	"errors"
	"iter"
	"sync"

	"github.com/tulipgo/tulip/future"
)

// ErrClosed is returned by Feed.Add after Close, and (wrapped, saying so)
// after the feed's iteration is over.
var ErrClosed = errors.New("ascompleted: feed is closed")

// A Feed yields futures in completion order while accepting more of them:
// Dask's as_completed with add, for crawlers that start new work as results
// arrive. Futures may be added from the loop body or from any other
// goroutine, until the iteration is over.
//
// The iteration ends by itself when every future added has been yielded and
// nobody can add more: the loop body is not running (it may still Add), and
// no producer holds the feed open (Hold). So a crawler that adds work from
// its loop body needs nothing else, and cannot hang:
//
//	feed := ascompleted.NewFeed(fetch("/"))
//	for f, err := range feed.All(ctx) {
//		if err != nil {
//			return err // ctx ended: an *UnfinishedError
//		}
//		for _, link := range links(f) {
//			_ = feed.Add(fetch(link))
//		}
//	} // ends when the last page has no new links
//
// A producer in another goroutine takes a hold first, and releases it when it
// has added its last future:
//
//	release := feed.Hold()
//	go func() {
//		defer release()
//		for ... { _ = feed.Add(f) }
//	}()
//
// Close ends the feed early: nothing more may be added, and the iteration
// ends once what was added has been yielded, holds or not. A break, a return
// or the end of ctx end it too, as with Of. After the end, Add returns an
// error matching ErrClosed.
//
// Duplicate detection lasts as long as a future is followed: a future added
// while it is already pending (or done and not yet yielded) is dropped; once
// yielded, the feed forgets it, so a long-running feed holds only what is
// pending, and the same future added again is yielded again.
//
// A Feed is iterated by one loop, once: ranging over All a second time, or
// from two goroutines at once, panics.
type Feed[T any] struct {
	t *tracker[*future.Future[T]]
}

// NewFeed returns a feed following fs. A nil future panics.
func NewFeed[T any](fs ...*future.Future[T]) *Feed[T] {
	checkFutures("NewFeed", fs)
	t := newTracker[*future.Future[T]](true, len(fs))
	_ = t.add(fs, false)
	return &Feed[T]{t: t}
}

// Add follows more futures; duplicates of futures already followed are
// dropped. It returns an error matching ErrClosed, following nothing, once
// the feed is closed or its iteration is over. A nil future panics, before
// anything is added.
func (q *Feed[T]) Add(fs ...*future.Future[T]) error {
	checkFutures("Feed.Add", fs)
	return q.t.add(fs, true)
}

// Hold keeps the feed's iteration from ending while the caller may still add
// futures from outside the loop body, until the returned release is called.
// Release is idempotent. Take the hold before starting the producer, so that
// the loop cannot end in between. After the iteration is over, a hold has no
// effect (Add still returns ErrClosed).
func (q *Feed[T]) Hold() (release func()) {
	q.t.mu.Lock()
	q.t.holds++
	q.t.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			q.t.mu.Lock()
			q.t.holds--
			q.t.mu.Unlock()
			q.t.poke()
		})
	}
}

// Close declares that no more futures will be added. Iteration then ends once
// everything added has been yielded, whatever the holds. Close is idempotent.
func (q *Feed[T]) Close() {
	q.t.mu.Lock()
	q.t.open = false
	q.t.mu.Unlock()
	q.t.poke()
}

// Pending returns how many futures have been added but not yet yielded.
func (q *Feed[T]) Pending() int {
	n, _ := q.t.unfinished()
	return n
}

// All yields the futures as they complete; see the type's documentation.
// Range over it with two variables, as with Of: the end of ctx comes as a nil
// future with an *UnfinishedError.
func (q *Feed[T]) All(ctx context.Context) iter.Seq2[*future.Future[T], error] {
	return func(yield func(*future.Future[T], error) bool) {
		q.t.run(ctx, "Feed.All", yield)
	}
}
