package future

import (
	"context"
	"errors"
	"iter"
)

// MapOption modifies Map.
type MapOption func(*mapConfig)

type mapConfig struct{ buffer int }

// BufferSize bounds how many calls Map has in flight (queued, running, or
// finished but not yet yielded) at n, Python 3.14's buffersize. Values below 1
// mean 1. The default is 8 × the executor's MaxWorkers.
//
// Design note: the loop takes results in order, one goroutine for all the
// workers; each time the oldest call is not done yet, the loop sleeps and
// is woken, which costs more than a tiny call. Workers that can run further
// ahead make that rare: on 10,000 tiny calls through 8 workers, a window of
// 16 cost about 700 ns per call, 64 about 390 and 128 about 380. A window
// that is too deep only wastes work when the loop is left early (calls
// already running are asked to stop, queued ones never start).
func BufferSize(n int) MapOption {
	return func(c *mapConfig) { c.buffer = max(1, n) }
}

// Map calls fn on each value of in, on ex's workers, and yields the results in
// input order (Python's executor.map), each with its error.
//
//   - Lazy and bounded: in is pulled only as results are consumed, with at
//     most BufferSize calls in flight, so an endless input is fine.
//   - An error from the call at position i is yielded at position i, and the
//     loop may go on past it (Python stops there: gh-108518).
//   - If ctx ends, Map yields one final (zero, ctx.Err()) and stops.
//   - Leaving the loop (break, return, panic) or ctx ending cancels every call
//     in flight: queued ones never run, running ones see their context
//     cancelled. Map does not wait for them. The input is stopped.
//
// The calls' contexts derive from ctx. Map must be ranged over from one
// goroutine at a time; each range starts afresh.
func Map[In, Out any](ctx context.Context, ex *Executor, in iter.Seq[In],
	fn func(context.Context, In) (Out, error), opts ...MapOption) iter.Seq2[Out, error] {
	cfg := mapConfig{buffer: 8 * ex.MaxWorkers()}
	for _, o := range opts {
		o(&cfg)
	}
	return func(yield func(Out, error) bool) {
		if err := ctx.Err(); err != nil {
			var zero Out
			yield(zero, err)
			return
		}
		w := window[Out]{fs: make([]*Future[Out], cfg.buffer)}
		defer w.cancel()
		// emit waits for the oldest call and yields its outcome; false
		// means stop: the consumer left the loop, or ctx ended (and that
		// was yielded).
		emit := func() bool {
			head := w.fs[w.first]
			v, err := head.Result(ctx)
			if cerr := ctx.Err(); cerr != nil &&
				(!head.IsDone() || head.Cancelled() || errors.Is(err, cerr)) {
				// Report ctx's end once, not the call's echo of it.
				var zero Out
				yield(zero, cerr)
				return false
			}
			w.pop()
			return yield(v, err)
		}
		// The input is ranged over rather than pulled with iter.Pull:
		// yielding from inside the loop body is allowed, and it saves two
		// goroutine switches per input.
		for v := range in {
			if err := ctx.Err(); err != nil {
				var zero Out
				yield(zero, err)
				return
			}
			w.push(submit[Out](ex, ctx, argCall[In, Out]{fn, v}))
			if w.n == len(w.fs) && !emit() {
				return
			}
		}
		for w.n > 0 {
			if !emit() {
				return
			}
		}
	}
}

// window is Map's calls in flight, oldest first, in a circular buffer.
type window[T any] struct {
	fs       []*Future[T]
	first, n int
}

func (w *window[T]) push(f *Future[T]) {
	w.fs[(w.first+w.n)%len(w.fs)] = f
	w.n++
}

func (w *window[T]) pop() {
	w.fs[w.first] = nil
	w.first = (w.first + 1) % len(w.fs)
	w.n--
}

// cancel cancels every call still in the window.
func (w *window[T]) cancel() {
	for ; w.n > 0; w.pop() {
		w.fs[w.first].Cancel()
	}
}
