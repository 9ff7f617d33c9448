package ascompleted

import (
	"context"
	"iter"

	"github.com/tulipgo/tulip/future"
)

// Of yields each distinct future of fs once, as it completes: those already
// done first, in argument order, then in completion order. If ctx ends before
// all are done, it yields every future done by then, then one
// (nil, *UnfinishedError) and stops; the futures are not cancelled.
//
// Range over it with two variables: the error is how the end of ctx is
// reported, and its future is nil. A single-variable range compiles, and then
// dereferences that nil future:
//
//	for f, err := range ascompleted.Of(ctx, fs...) {
//		if err != nil {
//			return err // an *UnfinishedError
//		}
//		...
//	}
//
// The error comes only for futures unfinished when ctx ends: if every future
// finished first (cancelled by that same ctx, say), the loop ends with no
// error; check ctx.Err() afterwards to tell an interrupted run from a
// complete one.
//
// A nil future in fs panics, at the call. Each range registers afresh, and
// can be ranged over again.
//
// Python: concurrent.futures.as_completed(fs, timeout) and asyncio's
// `async for f in as_completed(fs)`; a ctx deadline plays the timeout.
func Of[T any](ctx context.Context, fs ...*future.Future[T]) iter.Seq2[*future.Future[T], error] {
	checkFutures("Of", fs)
	return func(yield func(*future.Future[T], error) bool) {
		t := newTracker[*future.Future[T]](false, len(fs))
		_ = t.add(fs, false)
		t.run(ctx, "Of", yield)
	}
}

// OfAny is Of for futures of mixed result types. It yields the originals as
// future.Awaitable; a type switch or a comparison with the caller's own
// variables recovers the typed future. A nil or non-comparable Awaitable
// panics, at the call.
func OfAny(ctx context.Context, fs ...future.Awaitable) iter.Seq2[future.Awaitable, error] {
	checkFutures("OfAny", fs)
	return func(yield func(future.Awaitable, error) bool) {
		t := newTracker[future.Awaitable](false, len(fs))
		_ = t.add(fs, false)
		t.run(ctx, "OfAny", yield)
	}
}
