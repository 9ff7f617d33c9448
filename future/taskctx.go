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
	ended  atomic.Bool
	ext    atomic.Pointer[ctxExtra] // made by the first Done or AfterFunc
}

// ctxExtra is the part of a taskContext most functions never use, kept out
// of line so that a queued task stays small. Its fields are guarded by the
// context's mu.
type ctxExtra struct {
	done   chan struct{}           // closed once the context has ended
	afters map[*afterFunc]struct{} // AfterFunc registrations not yet run or stopped
	closed bool                    // done is closed and afters have been started
}

type afterFunc struct{ f func() }

// Deadline returns the parent's deadline (none, for the parents used here).
func (c *taskContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Value returns the parent's value for key.
func (c *taskContext) Value(key any) any { return c.parent.Value(key) }

// Err returns context.Canceled once the context has ended, nil before.
func (c *taskContext) Err() error {
	if c.ended.Load() {
		return context.Canceled
	}
	return nil
}

// Done returns a channel closed when the context ends. The first call
// allocates it.
func (c *taskContext) Done() <-chan struct{} {
	if e := c.ext.Load(); e != nil {
		return e.done
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.extraLocked().done
}

// extraLocked returns c.ext, making it first if need be. c.mu must be held.
func (c *taskContext) extraLocked() *ctxExtra {
	if e := c.ext.Load(); e != nil {
		return e
	}
	e := &ctxExtra{done: make(chan struct{})}
	c.ext.Store(e)
	if c.ended.Load() {
		// interrupt may have looked for ext before the Store: end it here
		// (there is nothing registered yet to start).
		c.endLocked(e)
	}
	return e
}

// endLocked closes e's done channel and hands back its AfterFunc
// registrations to start, once. c.mu must be held.
func (c *taskContext) endLocked(e *ctxExtra) map[*afterFunc]struct{} {
	if e.closed {
		return nil
	}
	e.closed = true
	close(e.done)
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
	if e.closed { // ended (extraLocked sees it, whatever interrupt saw)
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
// AfterFunc: ended is set first, ext looked at next, while extraLocked
// stores ext first and looks at ended next, so at least one of them sees
// the other and ends the extra part (endLocked makes that happen once).
func (c *taskContext) interrupt() {
	if !c.ended.CompareAndSwap(false, true) {
		return
	}
	e := c.ext.Load()
	if e == nil {
		return
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
