package future

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// taskContext is the context a task's function gets (from Go or an
// executor) when the parent context can never end (its Done is nil), as with
// Submit: built into the task, it ends when the task is cancelled or its
// function returns.
//
// Design note: context.WithCancel costs two allocations, a cancel call and,
// per task, a good part of the executor's overhead on tiny functions. A
// hand-made context is only safe where the standard library cannot tell it
// from a cancelCtx: context.Cause looks for the nearest cancelCtx above a
// context through Value, and would report an ancestor's (nil) cause for a
// cancelled custom context. With a parent that can never end there is no
// cancelCtx above, so Cause falls back to Err and reports context.Canceled,
// as it does for WithCancel. Where the parent can end, the task uses
// context.WithCancel. Contexts derived from this one register through its
// AfterFunc method, as they do with a cancelCtx, rather than each starting a
// goroutine to watch Done.
type taskContext struct {
	parent context.Context
	mu     sync.Mutex
	// ext is nil while the context is live and nobody asked for Done or
	// AfterFunc; endedBare once it ended with no extra part; otherwise the
	// extra part, whose ended flag says whether it ended. It only ever moves
	// nil → endedBare, nil → extra, or endedBare → extra (made ended), by
	// compare-and-swap: so ending the context, the common case, is one
	// compare-and-swap, and the struct holds no separate flag.
	ext atomic.Pointer[ctxExtra]
}

// ctxExtra is the part of a taskContext most functions never use, kept out
// of line so that a queued task stays small. Its fields other than ended
// are guarded by the context's mu.
type ctxExtra struct {
	ended  atomic.Bool             // the context has ended (set before done is closed)
	done   chan struct{}           // closed once the context has ended
	afters map[*afterFunc]struct{} // AfterFunc registrations not yet run or stopped
	closed bool                    // done is closed and afters have been started

	// An executor's task whose parent can end uses its taskContext only to
	// hold the parent (its function gets a context.WithCancel of its own),
	// and the extra part to hold the stop function of its registration on
	// the parent (see execTask). done is then nil: the context is never
	// handed out.
	stopParent func() bool
}

// endedBare is the ext of a taskContext that ended before anyone asked for
// its extra part.
var endedBare = &ctxExtra{}

type afterFunc struct{ f func() }

// Deadline returns the parent's deadline (none, for the parents used here).
func (c *taskContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Value returns the parent's value for key.
func (c *taskContext) Value(key any) any { return c.parent.Value(key) }

// Err returns context.Canceled once the context has ended, nil before.
func (c *taskContext) Err() error {
	if e := c.ext.Load(); e != nil && (e == endedBare || e.ended.Load()) {
		return context.Canceled
	}
	return nil
}

// Done returns a channel closed when the context ends. The first call
// allocates it.
func (c *taskContext) Done() <-chan struct{} {
	if e := c.ext.Load(); e != nil && e != endedBare {
		return e.done
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.extraLocked().done
}

// extraLocked returns the extra part, making it first if need be; made for
// a context that has already ended, it is made ended. c.mu must be held.
func (c *taskContext) extraLocked() *ctxExtra {
	for {
		old := c.ext.Load()
		if old != nil && old != endedBare {
			return old
		}
		e := &ctxExtra{done: make(chan struct{})}
		if old == endedBare {
			e.ended.Store(true)
			c.endLocked(e)
		}
		if c.ext.CompareAndSwap(old, e) {
			return e
		}
		// interrupt ended the context meanwhile (nil → endedBare): again.
	}
}

// endLocked closes e's done channel and hands back its AfterFunc
// registrations to start, once. c.mu must be held.
func (c *taskContext) endLocked(e *ctxExtra) map[*afterFunc]struct{} {
	if e.closed {
		return nil
	}
	e.closed = true
	if e.done != nil { // nil: an executor task's holder of its parent
		close(e.done)
	}
	afters := e.afters
	e.afters = nil
	return afters
}

// AfterFunc arranges for f to run in its own goroutine once the context ends,
// as context.AfterFunc does; context.WithCancel and friends find it and use
// it for contexts derived from this one. stop unregisters f and reports
// whether it did so before f was started.
func (c *taskContext) AfterFunc(f func()) (stop func() bool) {
	a := &afterFunc{f: f}
	c.mu.Lock()
	e := c.extraLocked()
	if e.closed { // ended
		c.mu.Unlock()
		go f()
		return func() bool { return false }
	}
	if e.afters == nil {
		e.afters = make(map[*afterFunc]struct{})
	}
	e.afters[a] = struct{}{}
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := e.afters[a]
		delete(e.afters, a)
		return ok
	}
}

// interrupt ends the context: Cancel on the running task calls it, and so
// does the task when its function returns. Only the first call has effect.
//
// It takes no lock unless someone asked for Done or registered an
// AfterFunc: with no extra part, ending is the compare-and-swap nil →
// endedBare. Otherwise it sets the extra part's ended flag and, with mu
// held, closes done and starts the AfterFuncs (endLocked makes that happen
// once). extraLocked, with mu held, makes an extra part for a context that
// ended bare already ended, so that no ending is lost between the two.
func (c *taskContext) interrupt() {
	if c.ext.CompareAndSwap(nil, endedBare) {
		return
	}
	e := c.ext.Load()
	if e == endedBare || !e.ended.CompareAndSwap(false, true) {
		return // ended already
	}
	c.mu.Lock()
	afters := c.endLocked(e)
	c.mu.Unlock()
	for a := range afters {
		go a.f()
	}
}

// String names the context as the standard library's contexts do.
func (c *taskContext) String() string { return fmt.Sprintf("%v.WithTask", c.parent) }
