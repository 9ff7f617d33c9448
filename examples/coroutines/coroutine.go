package coroutines

import "iter"

// Coroutine is a generator that values can be sent into: Python's generator
// with send, close and a return value. In is the type sent in, Out the type
// yielded out, R the type the body returns.
//
// The body runs only while the caller is inside Next or Send, on the caller's
// behalf (iter.Pull switches to it and back without a scheduler round trip),
// so body and caller never run at the same time and share data without
// locks. A Coroutine is not safe for concurrent use, and its body must not
// call Next, Send or Close on its own Coroutine (a generator cannot resume
// itself either).
//
// A Coroutine that was primed (Next) and not run to its end holds a paused
// goroutine: Close it, typically with defer.
type Coroutine[In, Out, R any] struct {
	next     func() (Out, bool)
	stop     func()
	sent     In
	result   R
	started  bool // Next or Send has resumed the body at least once
	returned bool // the body returned (not closed before it could)
	stopped  bool // no more values: returned, closed, or panicked
	closing  bool // Close was called: every yield returns false
}

// New returns a coroutine that will run body, not yet started. body calls
// yield(v) to hand v to the caller of Next or Send and pause; yield returns
// the value of the next Send (the zero In for Next) and true, or, once the
// coroutine is closed, the zero In and false: the body must then return
// promptly (deferred functions run, as Python's finally blocks do on
// GeneratorExit). body's return value is kept for Result.
//
// A panic in body propagates out of the Next or Send that resumed it, and the
// coroutine is stopped.
func New[In, Out, R any](body func(yield func(Out) (In, bool)) R) *Coroutine[In, Out, R] {
	c := &Coroutine[In, Out, R]{}
	seq := func(yield func(Out) bool) {
		c.result = body(func(v Out) (In, bool) {
			var zero In
			if c.closing || !yield(v) {
				c.closing = true
				return zero, false
			}
			in := c.sent
			c.sent = zero
			return in, true
		})
		c.returned = !c.closing
	}
	c.next, c.stop = iter.Pull(seq)
	return c
}

// Next resumes the body with the zero In, Python's next(gen): the first call
// primes the coroutine, running the body to its first yield, and returns the
// value yielded. Once the body has returned or the coroutine is closed it
// returns ErrStopped.
func (c *Coroutine[In, Out, R]) Next() (Out, error) {
	var zero In
	return c.resume(zero)
}

// Send resumes the body, making its pending yield return v, and returns the
// next value the body yields: Python's gen.send(v). It returns ErrNotStarted
// on a coroutine never primed (nothing is waiting for v; v is dropped) and
// ErrStopped when the body returns instead of yielding, or returned before.
func (c *Coroutine[In, Out, R]) Send(v In) (Out, error) {
	if !c.started && !c.stopped {
		var zero Out
		return zero, ErrNotStarted
	}
	return c.resume(v)
}

func (c *Coroutine[In, Out, R]) resume(v In) (Out, error) {
	var zero Out
	if c.stopped {
		return zero, ErrStopped
	}
	c.started = true
	c.sent = v
	c.stopped = true // until next returns normally: a panic leaves it stopped
	out, ok := c.next()
	if !ok {
		c.stop() // let iter.Pull release its goroutine now
		return zero, ErrStopped
	}
	c.stopped = false
	return out, nil
}

// Close ends the coroutine: Python's gen.close(). A paused body sees its
// yield return false and returns (its deferred calls run before Close
// returns); a body never started never runs. Close is idempotent, and Next
// and Send return ErrStopped after it. A value the body returns after being
// closed is discarded: Result reports false.
func (c *Coroutine[In, Out, R]) Close() {
	c.closing = true
	c.stopped = true
	c.stop()
}

// Result returns the body's return value and true once the body has returned
// by itself (Python's StopIteration.value), or the zero R and false while it
// has not, or if it was closed first.
func (c *Coroutine[In, Out, R]) Result() (R, bool) {
	if !c.returned {
		var zero R
		return zero, false
	}
	return c.result, true
}

// Done reports whether the coroutine is stopped: its body returned, it was
// closed, or its body panicked. Next and Send return ErrStopped when it is.
func (c *Coroutine[In, Out, R]) Done() bool { return c.stopped }
