package remote

import (
	"context"
	"iter"

	"github.com/tulipgo/tulip/future"
)

// MapOption configures Map.
type MapOption func(*mapConfig)

type mapConfig struct{ window int }

// Window sets how many of Map's tasks are in flight at once (default 64).
func Window(n int) MapOption {
	return func(c *mapConfig) {
		if n > 0 {
			c.window = n
		}
	}
}

// Map submits f for each value of in and yields the results in input order,
// each with its error, like future.Map does on a local executor.
//
//   - Lazy and bounded: in is pulled only as results are consumed, with at
//     most Window tasks submitted and not yet yielded.
//   - An error at position i is yielded at position i and the loop may go on.
//   - If ctx ends, Map yields one final (zero, ctx.Err()) and stops.
//   - Leaving the loop, or ctx ending, cancels every task in flight (queued
//     ones never run, running ones see their context cancelled); Map does
//     not wait for them.
//
// Map must be ranged over from one goroutine at a time.
func Map[In, Out any](ctx context.Context, c *Client, f Func[In, Out], in iter.Seq[In], opts ...MapOption) iter.Seq2[Out, error] {
	cfg := mapConfig{window: 64}
	for _, o := range opts {
		o(&cfg)
	}
	return func(yield func(Out, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		next, stop := iter.Pull(in)
		defer stop()
		window := make([]*future.Future[Out], 0, cfg.window)
		defer func() {
			for _, fut := range window {
				fut.Cancel()
			}
		}()
		more := true
		for {
			for more && len(window) < cfg.window && ctx.Err() == nil {
				v, ok := next()
				if !ok {
					more = false
					break
				}
				window = append(window, Submit(ctx, c, f, v))
			}
			if len(window) == 0 {
				return
			}
			v, err := window[0].Result(ctx)
			if err != nil && ctx.Err() != nil {
				var zero Out
				yield(zero, ctx.Err())
				return
			}
			window = window[1:]
			if !yield(v, err) {
				return
			}
		}
	}
}
