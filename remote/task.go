package remote

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// execute runs one delivered task to its end: its result published and the
// task acknowledged, or the task dropped (cancelled, expired) and
// acknowledged, or handed back to the queue.
func (w *Worker) execute(tctx context.Context, id string, msg jetstream.Msg) {
	h := msg.Headers()
	name := h.Get(hdrFunc)
	reply := h.Get(hdrReply)
	attempt := 1
	if meta, err := msg.Metadata(); err == nil {
		attempt = int(meta.NumDelivered)
	}
	if attempt > 1 {
		w.redelivered.Add(1)
	}
	if w.cfg.maxDeliver > 0 && attempt > w.cfg.maxDeliver {
		w.finish(msg, id, reply, statusRedelivered, encodeError(fmt.Sprintf(
			"remote: task %s of %s given up after %d deliveries", id, name, attempt-1), ""))
		return
	}
	if w.cancelledRemotely(tctx, id) {
		w.cancelled.Add(1)
		_ = msg.Ack()
		return
	}
	ctx := context.WithValue(tctx, infoKey{}, TaskInfo{ID: id, Func: name, Attempt: attempt})
	if dl, ok := parseDeadline(h); ok {
		if !time.Now().Before(dl) {
			w.expired.Add(1) // its client has failed the future already
			_ = msg.Ack()
			return
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl)
		defer cancel()
	}
	timeout := w.cfg.taskTimeout
	if d, err := time.ParseDuration(h.Get(hdrTimeout)); err == nil && d > 0 && (timeout == 0 || d < timeout) {
		timeout = d
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, errTaskTimeout)
		defer cancel()
	}

	fn := w.reg.lookup(name)
	if fn == nil {
		w.finish(msg, id, reply, statusUnknown, encodeError(fmt.Sprintf(
			"remote: unknown function %q (this worker has %q)", name, w.reg.Names()), ""))
		return
	}
	out, stack, err := call(ctx, fn, w.cfg.codec, msg.Data())
	switch cause := context.Cause(tctx); {
	case errors.Is(cause, errCancelledRemotely):
		w.cancelled.Add(1)
		_ = msg.Ack()
	case errors.Is(cause, errDraining):
		w.handedBack.Add(1)
		_ = msg.Nak()
	case stack != "":
		w.finish(msg, id, reply, statusPanic, encodeError(err.Error(), stack))
	case err != nil && errors.Is(context.Cause(ctx), errTaskTimeout):
		w.finish(msg, id, reply, statusTimeout, encodeError(fmt.Sprintf(
			"remote: %s timed out after %v: %v", name, timeout, err), ""))
	case err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		// Submit's deadline passed here before it did at the client: report
		// it as the client would, a deadline (ErrTimeout matches it).
		w.finish(msg, id, reply, statusTimeout, encodeError(fmt.Sprintf(
			"remote: %s passed its deadline: %v", name, err), ""))
	case err != nil:
		w.finish(msg, id, reply, statusError, encodeError(err.Error(), ""))
	default:
		w.finish(msg, id, reply, statusOK, out)
	}
}

// call runs fn, turning a panic into an error and the stack's text.
func call(ctx context.Context, fn handler, codec Codec, in []byte) (out []byte, stack string, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("remote: task panicked: %v", v)
			stack = string(debug.Stack())
		}
	}()
	out, err = fn(ctx, codec, in)
	return out, "", err
}

// cancelledRemotely reports whether the task's client cancelled it, either
// while it was queued (a marker in the cancels stream) or since it was
// taken (the subscription cancelled tctx). A failed lookup counts as "no":
// the subscription still catches a cancellation from now on.
func (w *Worker) cancelledRemotely(tctx context.Context, id string) bool {
	if errors.Is(context.Cause(tctx), errCancelledRemotely) {
		return true
	}
	ctx, cancel := context.WithTimeout(tctx, 2*time.Second)
	defer cancel()
	_, err := w.cancels.GetLastMsgForSubject(ctx, w.cfg.cancelSubject(id))
	return err == nil || errors.Is(context.Cause(tctx), errCancelledRemotely)
}

// finish publishes a result and then acknowledges the task; if the result
// cannot be stored, the task goes back to the queue.
func (w *Worker) finish(msg jetstream.Msg, id, reply, status string, body []byte) {
	res := nats.NewMsg(reply)
	res.Header.Set(hdrStatus, status)
	res.Header.Set(hdrTask, id)
	res.Data = body
	ctx, cancel := context.WithTimeout(context.Background(), max(w.cfg.ackWait, 5*time.Second))
	defer cancel()
	err := retry(ctx, func(ctx context.Context) error {
		_, err := w.js.PublishMsg(ctx, res, jetstream.WithMsgID("r-"+id))
		return err
	})
	if err != nil {
		w.handedBack.Add(1)
		_ = msg.Nak()
		return
	}
	if status == statusOK {
		w.succeeded.Add(1)
	} else {
		w.failed.Add(1)
	}
	_ = msg.Ack()
}
