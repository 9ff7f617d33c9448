package remote

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/tulipgo/tulip/future"
)

// Submit sends a task, f applied to in, to the pool's workers and returns its
// future, an ordinary *future.Future: Result, Done, callbacks, Gather, Wait
// and the ascompleted package work on it as on a local task.
//
// Submit blocks until the server has stored the task (one round trip),
// retrying with the same task id while the server is unreachable, for at most
// PublishTimeout and never past ctx; the server's de-duplication keeps
// retries from storing the task twice. If the task cannot be stored, the
// future fails with that error.
//
// The future completes exactly once, with the first of:
//
//   - the result: the function's value, or an *Error with the function's
//     error text (errors.Is matches ErrUnknownFunc, ErrTimeout, ErrPanic,
//     ErrTooManyDeliveries for those failures);
//   - Cancel: the future is cancelled at once (ErrCancelled, which matches
//     context.Canceled) and a cancellation is published without blocking:
//     a queued task never runs, a running one sees its context cancelled;
//   - ctx ending: as for a local task, Canceled cancels the future, and a
//     deadline fails it with context.DeadlineExceeded, cancelling the remote
//     task the same way; the deadline is also sent to the worker, whose
//     function's context carries it (mind the clocks' skew);
//   - Client.Close: ErrClosed.
//
// Execution is at least once: a task whose worker dies runs again, so the
// function must be idempotent; its later results are ignored.
func Submit[In, Out any](ctx context.Context, c *Client, f Func[In, Out], in In) *future.Future[Out] {
	fut, msg := prepare(ctx, c, f, in)
	if msg == nil {
		return fut
	}
	if err := c.publishTask(ctx, msg); err != nil {
		_ = fut.SetError(fmt.Errorf("remote: submit %s: %w", f.name, err))
		return fut
	}
	c.submitted.Add(1)
	return fut
}

// prepare registers a task and returns its future and message, or a nil
// message when the future is already done (ctx ended, input not encodable,
// client closed).
func prepare[In, Out any](ctx context.Context, c *Client, f Func[In, Out], in In) (*future.Future[Out], *nats.Msg) {
	fut := future.New[Out]()
	if err := ctx.Err(); err != nil {
		endByContext(fut, err)
		return fut, nil
	}
	data, err := c.cfg.codec.Marshal(in)
	if err != nil {
		_ = fut.SetError(fmt.Errorf("remote: encode input of %s: %w", f.name, err))
		return fut, nil
	}
	id := nuid.Next()
	codec := c.cfg.codec
	p := &pendingTask{
		deliver: func(status string, data []byte) {
			if status != statusOK {
				_ = fut.SetError(decodeError(f.name, id, status, data))
				return
			}
			var out Out
			if err := codec.Unmarshal(data, &out); err != nil {
				_ = fut.SetError(fmt.Errorf("remote: decode output of %s: %w", f.name, err))
				return
			}
			_ = fut.SetResult(out)
		},
		fail: func(err error) { _ = fut.SetError(err) },
	}
	if !c.register(id, p) {
		_ = fut.SetError(ErrClosed)
		return fut, nil
	}
	stop := context.AfterFunc(ctx, func() { endByContext(fut, ctx.Err()) })
	// Runs inside Cancel, SetError or SetResult: nothing here blocks.
	fut.AddDoneCallback(func(*future.Future[Out]) {
		stop()
		c.unregister(id)
		if !p.fromResult.Load() {
			c.publishCancel(id)
		}
	})

	msg := nats.NewMsg(c.cfg.tasksSubject())
	msg.Header.Set(hdrFunc, f.name)
	msg.Header.Set(hdrReply, c.cfg.resultsSubject(c.id)+"."+id)
	if dl, ok := ctx.Deadline(); ok {
		msg.Header.Set(hdrDeadline, strconv.FormatInt(dl.UnixNano(), 10))
	}
	if c.cfg.taskTimeout > 0 {
		msg.Header.Set(hdrTimeout, c.cfg.taskTimeout.String())
	}
	msg.Header.Set(nats.MsgIdHdr, id)
	msg.Data = data
	return fut, msg
}

// endByContext ends a future as a local task's ends when its ctx does.
func endByContext[T any](fut *future.Future[T], err error) {
	if errors.Is(err, context.Canceled) {
		fut.Cancel()
		return
	}
	_ = fut.SetError(err)
}

// publishTask stores a task, retrying; its Nats-Msg-Id header is its id.
func (c *Client) publishTask(ctx context.Context, msg *nats.Msg) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.publishTimeout)
	defer cancel()
	return retry(ctx, func(ctx context.Context) error {
		_, err := c.js.PublishMsg(ctx, msg)
		return err
	})
}

// publishTaskAsync sends a task without waiting for the server's
// acknowledgement; confirm waits for it (falling back to publishTask).
func (c *Client) publishTaskAsync(msg *nats.Msg) jetstream.PubAckFuture {
	ack, err := c.js.PublishMsgAsync(msg)
	if err != nil {
		return nil
	}
	return ack
}

// parseDeadline reads a task's deadline header.
func parseDeadline(h nats.Header) (time.Time, bool) {
	v := h.Get(hdrDeadline)
	if v == "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(0, n), true
}
