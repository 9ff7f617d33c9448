package future

import (
	"context"
	"errors"
	"sync/atomic"
)

// mapRun is one range over a Map: the function, the context its calls
// share, and the hand-off by which the loop sleeps until the oldest call is
// done.
//
// Design note: Map never hands its calls out, so they need not be futures.
// A future per call was one allocation and most of Map's cost on tiny
// functions; a call is instead a slot of the window (mapCall), reused for a
// later input once its outcome has been yielded, so a Map allocates only
// while its window grows. The calls share one context, cancelled when the
// loop ends: Map cancels its calls only all together, never one by one.
type mapRun[In, Out any] struct {
	ex     *Executor
	fn     func(context.Context, In) (Out, error)
	ctx    context.Context // the calls' context, derived from Map's
	cancel context.CancelFunc

	// The loop sleeping on a call: it stores the call in waiting, and
	// whoever swaps waiting from that call to nil owes it one token on
	// wake (see wait and notify).
	waiting atomic.Pointer[mapCall[In, Out]]
	wake    chan struct{} // buffered: one token at most

	accepted, published int64 // calls accepted into the queue; of them, counted in Stats

}

// mapCall is one call of a Map run: what the executor's queue holds, and
// the slot in the window where its outcome waits to be yielded.
type mapCall[In, Out any] struct {
	r     *mapRun[In, Out]
	in    In
	out   Out
	err   error
	state atomic.Uint32 // a call state, below
}

// The states of a mapCall. Queued moves to taken (by the worker, or
// Shutdown's drain, that pops it) or to dropped (withdrawn: the loop ended,
// or the executor took it back), whichever compare-and-swap wins; taken
// moves to done, after which only the loop touches the call, until it
// queues it again.
const (
	callIdle    uint32 = iota // not in use
	callQueued                // in the executor's queue, to run
	callTaken                 // popped off the queue: running, or about to be cancelled
	callDone                  // out and err are set
	callDropped               // withdrawn while queued: its queue slot is skipped
)

// start queues a call of r.fn on v, waiting for room in a bounded queue.
// After Shutdown it fails c with ErrShutdown instead, and if ctx (Map's)
// ends while it waits, with ctx.Err().
func (r *mapRun[In, Out]) start(ctx context.Context, c *mapCall[In, Out], v In) {
	if err := r.ex.admit(ctx, true); err != nil {
		c.err = err
		c.state.Store(callDone)
		return
	}
	c.in = v
	c.state.Store(callQueued)
	if !r.ex.accept(c) {
		// Taken back: its queue slot stays until a worker skips it. The
		// loop may reuse c meanwhile, but never queues it again (the
		// executor stays closed), so take skips it.
		c.in = *new(In)
		c.err = ErrShutdown
		c.state.Store(callDone)
		return
	}
	if r.accepted++; r.accepted-r.published == 64 {
		r.publish()
	}
}

// publish adds the calls accepted since the last time to the executor's
// Submitted count: in batches, as it costs an atomic operation. Map
// publishes the rest when its loop ends.
func (r *mapRun[In, Out]) publish() {
	r.ex.submitted.Add(r.accepted - r.published)
	r.published = r.accepted
}

// take implements queuedTask.
func (c *mapCall[In, Out]) take() bool {
	if c.state.CompareAndSwap(callQueued, callTaken) {
		c.r.ex.left()
		return true
	}
	c.r.ex.stale.Add(-1) // withdrawn first
	return false
}

// withdraw implements queuedTask: the loop's end drops queued calls with it,
// and the executor takes back a call that a Shutdown may have missed.
func (c *mapCall[In, Out]) withdraw() bool {
	if !c.state.CompareAndSwap(callQueued, callDropped) {
		return false
	}
	c.r.ex.left()
	c.r.ex.stale.Add(1)
	return true
}

// run implements queuedTask: it calls the function, unless the loop has
// already ended, and hands the outcome to the loop, whether the function
// returns, panics or calls runtime.Goexit.
func (c *mapCall[In, Out]) run(tl *tally) {
	r := c.r
	var zero Out
	if err := r.ctx.Err(); err != nil {
		c.finish(tl, zero, err)
		return
	}
	in := c.in
	c.in = *new(In) // let it be collected while the slot waits
	returned := false
	defer func() {
		if !returned {
			c.finish(tl, zero, abnormalEnd(recover()))
		}
	}()
	v, err := r.fn(r.ctx, in)
	returned = true
	c.finish(tl, v, err)
}

// abort implements queuedTask: Shutdown's drain took the call, and cancels
// it.
func (c *mapCall[In, Out]) abort() {
	c.in = *new(In)
	c.finish(nil, *new(Out), ErrCancelled)
}

// finish records the outcome and wakes the loop if it waits on c. After the
// state is done the loop may reuse c at once: finish reads nothing of c after
// that but its address.
// With tl nil (not on a worker: Shutdown's drain), the outcome is counted in
// the executor's shared counts.
func (c *mapCall[In, Out]) finish(tl *tally, v Out, err error) {
	r := c.r
	st := Finished
	if err != nil && errors.Is(err, context.Canceled) {
		st = Cancelled
	}
	if tl != nil {
		tl.add(st, err)
	} else {
		r.ex.shared.add(st, err)
	}
	c.out, c.err = v, err
	c.state.Store(callDone)
	if r.waiting.Load() == c && r.waiting.CompareAndSwap(c, nil) {
		// The loop was waiting on c, or on a later use of c's slot: in
		// that case it wakes, sees the call not done, and waits again.
		r.wake <- struct{}{}
	}
}

// wait blocks until c is done, or until done (Map's ctx.Done()) is closed;
// it reports whether c is done.
func (r *mapRun[In, Out]) wait(c *mapCall[In, Out], done <-chan struct{}) bool {
	for c.state.Load() != callDone {
		r.waiting.Store(c)
		if c.state.Load() == callDone {
			r.unwait(c)
			return true
		}
		select {
		case <-r.wake: // c is done, or an earlier use of its slot was
		case <-done:
			r.unwait(c)
			return c.state.Load() == callDone
		}
	}
	return true
}

// unwait stops waiting on c; if a finish already swapped waiting, it takes
// the token that finish sends.
func (r *mapRun[In, Out]) unwait(c *mapCall[In, Out]) {
	if !r.waiting.CompareAndSwap(c, nil) {
		<-r.wake
	}
}
