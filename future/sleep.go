package future

import (
	"context"
	"sync/atomic"
	"time"
)

// Sleep pauses the calling goroutine for d, or until ctx ends, whichever
// comes first: asyncio.sleep, cancellable. It returns nil after the full
// pause and ctx.Err() if ctx ended first (at once if it already had). A d of
// zero or less returns at once, with ctx.Err().
//
// Use it instead of time.Sleep in a task: time.Sleep cannot be interrupted,
// so a task sleeping in it ignores Cancel and the end of its context until
// it wakes, as does a task busy in a loop that never looks at ctx.
//
// Cost: a timer. In a task started by Go, on the context the task's
// function got, it waits on the timer and the parent context's Done channel,
// and the task's Cancel wakes it through the timer: the task's context
// makes no channel of its own. So in a testing/synctest bubble, give the
// task a context made in the bubble (the bubble's t.Context(), say): with
// one made outside, the Sleep waits on a channel from outside the bubble,
// is not durably blocked, and fake time does not advance for it. Cancel
// such a task from inside its bubble too: Cancel wakes the Sleep by
// resetting its timer, and the runtime treats a reset of a bubble's timer
// from outside the bubble as a fatal error, as it does a close of a
// bubble's channel.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	// One frame, no defers: a task's goroutine starts with a 2 KiB stack,
	// and a Sleep that makes it grow costs more than the Sleep.
	c, _ := ctx.(*goContext)
	var done <-chan struct{}
	if c != nil {
		done = c.parent.Done() // nil, and never ready, if the parent can never end
	} else if done = ctx.Done(); done == nil {
		time.Sleep(d)
		return nil
	}
	t := time.NewTimer(d)
	if c != nil && !c.sleeper.CompareAndSwap(nil, t) {
		// Another Sleep on the same context holds the wake-up.
		c, done = nil, ctx.Done()
	}
	var err error
	if c != nil {
		err = c.Err() // after storing the timer: interrupt may have missed it
	}
	if err == nil {
		select {
		case <-t.C: // the full pause, or interrupt's reset of the timer
			if c != nil {
				err = c.Err()
			}
		case <-done:
			err = ctx.Err()
		}
	}
	if c != nil {
		c.sleeper.Store(nil)
	}
	t.Stop()
	return err
}

// goContext is the context of a task started by Go: a taskContext that a
// Sleep on it can wait on without making its Done channel.
//
// The wake-up protocol: sleeper is the timer of the Sleep in progress on the
// context, if any (one at a time: a second, concurrent Sleep on the same
// context waits on Done instead). Sleep stores its timer, then looks at Err;
// interrupt ends the context, then loads sleeper and resets that timer to
// fire at once. Both orders are sequentially consistent atomics, so either
// Sleep sees the end, or interrupt sees the timer (or both): a Cancel never
// goes unnoticed. The end of the parent needs no wake-up: Sleep waits on the
// parent's Done too. A reset that reaches a timer whose Sleep has returned
// fires into a channel nobody reads, harmlessly.
//
// In a testing/synctest bubble, such a Sleep is durably blocked (fake time
// advances) when the parent's Done channel belongs to the bubble, as it
// does for a parent made in it; a parent made outside the bubble is waited
// on too, and then, as with any channel from outside, it is not.
type goContext struct {
	taskContext
	sleeper atomic.Pointer[time.Timer]
}

// interrupt ends the context (see taskContext.interrupt) and wakes the Sleep
// in progress, if any.
func (c *goContext) interrupt() {
	c.taskContext.interrupt()
	if t := c.sleeper.Load(); t != nil {
		t.Reset(0)
	}
}
