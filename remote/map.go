package remote

import (
	"context"
	"fmt"
	"iter"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

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
//   - Pipelined: unlike Submit, Map does not wait for the server to store
//     each task before sending the next; it checks each task's
//     acknowledgement before yielding its result, and sends again (same
//     task id, so stored once) a task the server did not acknowledge. Tasks
//     are queued in input order, except such resent ones.
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
		window := make([]mapCall[Out], 0, cfg.window)
		defer func() {
			for _, call := range window {
				call.fut.Cancel()
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
				fut, msg := prepare(ctx, c, f, v)
				call := mapCall[Out]{fut: fut, msg: msg}
				if msg != nil {
					call.ack = c.publishTaskAsync(msg)
				}
				window = append(window, call)
			}
			if len(window) == 0 {
				return
			}
			call := window[0]
			confirm(ctx, c, f.name, call)
			v, err := call.fut.Result(ctx)
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

// mapCall is one of Map's tasks: its future and, until confirmed, its
// message and the server's pending acknowledgement.
type mapCall[Out any] struct {
	fut *future.Future[Out]
	msg *nats.Msg
	ack jetstream.PubAckFuture
}

// confirm waits for the server to acknowledge an asynchronously published
// task; if it did not store it, confirm publishes it again (same task id)
// and fails the future if that fails too.
func confirm[Out any](ctx context.Context, c *Client, name string, call mapCall[Out]) {
	if call.msg == nil || call.fut.IsDone() {
		return
	}
	if call.ack != nil {
		select {
		case <-call.ack.Ok():
			c.submitted.Add(1)
			return
		case <-call.ack.Err():
		case <-call.fut.Done():
			return
		}
	}
	if err := c.publishTask(ctx, call.msg); err != nil {
		_ = call.fut.SetError(fmt.Errorf("remote: submit %s: %w", name, err))
		return
	}
	c.submitted.Add(1)
}
