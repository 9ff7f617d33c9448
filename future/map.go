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
// mean 1. The default is twice the executor's MaxWorkers, enough to keep every
// worker busy while the loop waits for the next result in order.
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
	cfg := mapConfig{buffer: 2 * ex.MaxWorkers()}
	for _, o := range opts {
		o(&cfg)
	}
	return func(yield func(Out, error) bool) {
		next, stop := iter.Pull(in)
		defer stop()
		window := make([]*Future[Out], 0, cfg.buffer) // in input order
		defer func() {
			for _, f := range window {
				f.Cancel()
			}
		}()
		exhausted := false
		for {
			if err := ctx.Err(); err != nil {
				var zero Out
				yield(zero, err)
				return
			}
			for !exhausted && len(window) < cfg.buffer {
				v, ok := next()
				if !ok {
					exhausted = true
					break
				}
				window = append(window, submit(ex, ctx, func(ctx context.Context) (Out, error) {
					return fn(ctx, v)
				}))
			}
			if len(window) == 0 {
				return
			}
			head := window[0]
			v, err := head.Result(ctx)
			if cerr := ctx.Err(); cerr != nil &&
				(!head.IsDone() || head.Cancelled() || errors.Is(err, cerr)) {
				continue // report ctx's end once, not the call's echo of it
			}
			window[0] = nil
			window = window[1:]
			if !yield(v, err) {
				return
			}
		}
	}
}
