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
// A deeper window lets the workers run further ahead of the loop, which
// takes results in order: each time the oldest call is not done yet, the
// loop sleeps, and that costs more than a tiny call. A window that is too
// deep only wastes work when the loop is left early (calls already running
// are asked to stop, queued ones never start). BenchmarkMapBufferSize
// measures the trade-off (numbers in benchmarks/README.md).
func BufferSize(n int) MapOption {
	return func(c *mapConfig) { c.buffer = max(1, n) }
}

// Map calls fn on each value of in, on ex's workers, and yields the results in
// input order (Python's executor.map), each with its error.
//
//   - Lazy and bounded: in is pulled only as results are consumed, with at
//     most BufferSize calls in flight, so an endless input is fine. Calls
//     are queued in input order, among the executor's other tasks.
//   - An error from the call at position i is yielded at position i, as fn
//     returned it, and the loop may go on past it (Python stops there:
//     gh-108518). A panic in fn is yielded as a *PanicError; a call
//     refused because the executor is shut down, as ErrShutdown; one
//     cancelled by Shutdown's CancelPending, as ErrCancelled.
//   - If ctx ends, Map yields one final (zero, ctx.Err()) and stops.
//   - Leaving the loop (break, return, panic) or ctx ending cancels every call
//     in flight: queued ones never run, running ones see their context
//     cancelled. Map does not wait for them. The input is stopped.
//
// Range over it with two variables: the errors are how failed calls, and
// the end of ctx, are reported. A single-variable range compiles, and then
// silently drops every error:
//
//	for v, err := range future.Map(ctx, ex, urls, fetch) {
//		if err != nil { ... }
//	}
//
// The calls share one context, derived from ctx and cancelled when the loop
// ends. With a bounded queue (QueueSize) Map waits for room before it queues
// each call. Map must be ranged over from one goroutine at a time; each range
// starts afresh.
//
// Cost: a range allocates its window as it grows (a few words per call in
// flight for small In and Out) and nothing per call after that.
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
		r := &mapRun[In, Out]{ex: ex, fn: fn, wake: make(chan struct{}, 1)}
		r.ctx, r.cancel = context.WithCancel(ctx)
		w := window[In, Out]{max: cfg.buffer}
		defer func() {
			for c := range w.calls() {
				if c.withdraw() {
					r.ex.shared.add(Cancelled, nil)
				}
			}
			r.publish()
			r.cancel()
		}()
		done := ctx.Done()
		// emit waits for the oldest call and yields its outcome; false
		// means stop: the consumer left the loop, or ctx ended (and that
		// was yielded).
		emit := func() bool {
			c := w.oldest()
			if !r.wait(c, done) || ctx.Err() != nil && errors.Is(c.err, ctx.Err()) {
				// Report ctx's end once, not the call's echo of it.
				var zero Out
				yield(zero, ctx.Err())
				return false
			}
			v, err := c.out, c.err
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
			r.start(ctx, w.push(r), v)
			if w.n == w.max && !emit() {
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

// window is Map's calls in flight, oldest first, in a circular buffer that
// grows up to max. Its slots keep their mapCall for the next input once
// the outcome has been yielded.
type window[In, Out any] struct {
	cs       []*mapCall[In, Out]
	first, n int
	max      int
}

// push returns an idle call in the next slot, growing the buffer if need be.
func (w *window[In, Out]) push(r *mapRun[In, Out]) *mapCall[In, Out] {
	if w.n == len(w.cs) {
		// Full but below max: double, unrolled so that the oldest is first.
		cs := make([]*mapCall[In, Out], min(w.max, max(8, 2*len(w.cs))))
		for i := range w.n {
			cs[i] = w.cs[(w.first+i)%len(w.cs)]
		}
		w.cs, w.first = cs, 0
	}
	i := (w.first + w.n) % len(w.cs)
	if w.cs[i] == nil {
		w.cs[i] = &mapCall[In, Out]{r: r}
	}
	w.n++
	return w.cs[i]
}

func (w *window[In, Out]) oldest() *mapCall[In, Out] { return w.cs[w.first] }

// pop frees the oldest call's slot for a later input.
func (w *window[In, Out]) pop() {
	c := w.cs[w.first]
	c.out, c.err = *new(Out), nil
	c.state.Store(callIdle)
	w.first = (w.first + 1) % len(w.cs)
	w.n--
}

// calls yields the calls in flight, oldest first.
func (w *window[In, Out]) calls() iter.Seq[*mapCall[In, Out]] {
	return func(yield func(*mapCall[In, Out]) bool) {
		for i := range w.n {
			if !yield(w.cs[(w.first+i)%len(w.cs)]) {
				return
			}
		}
	}
}
