// Package ascompleted iterates over futures in the order they complete:
// Python's asyncio.as_completed and concurrent.futures.as_completed, as Go
// range-over-func iterators.
//
//	for f, err := range ascompleted.Of(ctx, futures...) {
//		if err != nil { // ctx ended: "2 (of 4) futures unfinished"
//			break
//		}
//		v, err := f.Result(ctx) // done: returns at once
//		...
//	}
//
// # Guarantees
//
//   - Each distinct future is yielded exactly once; duplicates in the input
//     are dropped. The yielded values are the original futures, so callers can
//     map them back to their inputs (asyncio's 3.13 `async for` behaviour).
//   - Futures already done when iteration starts come first, in argument
//     order; the rest follow in the order they complete.
//   - A context that ends is reported once, as an *UnfinishedError that
//     errors.Is the context's error, after every future that had completed by
//     then has been yielded; then iteration stops. Nothing is ever cancelled:
//     the futures are left running for the caller to cancel or await.
//   - Leaving the loop at any point, by break, return, panic or the end of
//     ctx, leaves nothing behind: no goroutine, and no callback registered on
//     any future.
//   - Range with two variables. The end of ctx comes as a nil future with the
//     error. With a single loop variable the error is lost and that future
//     is nil: the loop body's first use of it is a nil dereference.
//   - [Feed] accepts futures while iterating, ends by itself when nothing is
//     pending and nobody can add more, and forgets each future once yielded,
//     so it runs in memory bounded by what is pending.
//
// # Cost
//
// No goroutine is started, and there is no reflect.Select: each pending
// future gets one completion callback that appends it to a queue, so the cost
// per future is constant however many there are (see the benchmarks, which
// compare against a shared channel and reflect.Select). Registration happens
// when iteration starts, not when Of is called; each iteration of the same
// sequence registers afresh.
package ascompleted
