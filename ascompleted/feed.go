package ascompleted

import (
	"context"
	"errors"
	"iter"
	"sync"

	"github.com/tulipgo/tulip/future"
)

// ErrClosed is returned by Feed.Add after Close.
var ErrClosed = errors.New("ascompleted: feed is closed")

// A Feed yields futures in completion order while accepting more of them:
// Dask's as_completed with add, for crawlers that start new work as results
// arrive. Futures may be added at any time before Close, from the loop body
// or from any other goroutine. Iteration ends when the feed is closed and
// every future added has been yielded (or when ctx ends, as with Of).
//
// A crawler that adds work only from its loop body knows it is finished when
// nothing is pending after it added what it found; it closes the feed then:
//
//	for f, err := range feed.All(ctx) {
//		... // Add the futures for any new links
//		if feed.Pending() == 0 {
//			feed.Close()
//		}
//	}
//
// A Feed can be iterated once; create one with NewFeed.
type Feed[T any] struct {
	t    *tracker[*future.Future[T]]
	once sync.Once
}

// NewFeed returns an open feed following fs.
func NewFeed[T any](fs ...*future.Future[T]) *Feed[T] {
	t := newTracker[*future.Future[T]](true)
	t.add(fs, false)
	return &Feed[T]{t: t}
}

// Add follows more futures; duplicates of futures already added are dropped.
// It returns ErrClosed, following nothing, once the feed is closed.
func (q *Feed[T]) Add(fs ...*future.Future[T]) error {
	if !q.t.add(fs, true) {
		return ErrClosed
	}
	return nil
}

// Close declares that no more futures will be added. Iteration then ends once
// everything added has been yielded. Close is idempotent.
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
// A second call yields nothing.
func (q *Feed[T]) All(ctx context.Context) iter.Seq2[*future.Future[T], error] {
	return func(yield func(*future.Future[T], error) bool) {
		first := false
		q.once.Do(func() { first = true })
		if first {
			q.t.run(ctx, yield)
		}
	}
}
