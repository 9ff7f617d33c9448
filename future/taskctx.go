package future

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// taskContext is the context a task's function gets, from Go or an
// executor: built into the task, it ends when the task is cancelled, when its function
// returns, or when the parent ends, as a context.WithCancel of the parent
// with a deferred cancel would.
//
// Design note: context.WithCancel costs two allocations, an entry in the
// parent's children map (added under the parent's mutex, and deleted under
// it again when the task ends: with a million tasks under one parent, a
// contended million-entry map), and a Done channel as soon as anyone waits.
// A taskContext registers on its parent only when someone asks for its Done
// channel or an AfterFunc; until then, Err looks at the parent's Err as well
// as its own state, and Sleep waits on the parent's Done channel and a timer
// the task can reset (see goContext).
//
// The standard library cannot tell it from a cancelCtx, with two rules:
//
//   - context.Cause(c) looks for the nearest cancelCtx above c through
//     c.Value(&cancelCtxKey), and reports that cancelCtx's cause if it has
//     one. Once the task's context has ended by itself (ended is
//     endedItself), Value answers that lookup with nil, so that Cause falls
//     back to Err, context.Canceled, as it does for a WithCancel cancelled
//     by its cancel function, even if the parent ends later with a cause.
//     Otherwise (live, or ended with the parent) the lookup goes to the
//     parent, so that Cause reports the parent's cause, as a WithCancel
//     child, which copies it, does. The key is learned once from Cause
//     itself (see cancelCtxKey).
//   - An end must be decided once and never change: the state moves from
//     live to endedItself (interrupt, when the parent has not ended) or to
//     endedParent (interrupt, Err or the parent's AfterFunc, once the
//     parent has ended), by compare-and-swap, and whoever sees the parent
//     ended while the state is live makes it endedParent before answering.
//     So Err is stable, and once it is non-nil, Value agrees with it.
//
// Contexts derived from this one register through its AfterFunc method, as
// they do with a cancelCtx, rather than each starting a goroutine to watch
// Done.
type taskContext struct {
	parent context.Context
	mu     sync.Mutex
	// ext is nil while the context is live and nobody asked for Done or
	// AfterFunc; endedBare or endedWithParent once it ended with no extra
	// part; otherwise the extra part, whose ended field says whether and how
	// it ended. It only ever moves nil → a sentinel, nil → extra, or
	// sentinel → extra (made ended the same way), by compare-and-swap: so
	// ending the context, the common case, is one compare-and-swap, and the
	// struct holds no separate state.
	ext atomic.Pointer[ctxExtra]
}

// How a taskContext ended: the values of ctxExtra.ended, and what state
// returns.
const (
	ctxLive     uint32 = iota
	endedItself        // interrupt: Cancel, or the function returned, with the parent live
	endedParent        // the parent ended first: Err and Cause are the parent's
)

// ctxExtra is the part of a taskContext most functions never use, kept out
// of line so that a task stays small. Its fields other than ended are
// guarded by the context's mu.
type ctxExtra struct {
	ended  atomic.Uint32           // ctxLive, endedItself or endedParent (set before done is closed)
	done   chan struct{}           // closed once the context has ended
	afters map[*afterFunc]struct{} // AfterFunc registrations not yet run or stopped
	closed bool                    // done is closed and afters have been started

	// stopParent unregisters the context from its parent. A context whose
	// parent can end registers (context.AfterFunc) when its extra part is
	// made, so that Done and the AfterFuncs follow the parent's end, and
	// unregisters when it ends by itself.
	//
	// An executor's task whose parent can end uses the extra part, while
	// queued, to hold the stop function of the queue's registration on the
	// parent (see execTask). done is then nil, and stopParent is the
	// executor's; the worker that takes the task clears that extra part
	// before the context is handed to the function.
	stopParent func() bool
}

// endedBare and endedWithParent are the ext of a taskContext that ended
// (by itself, or with its parent) before anyone asked for its extra part.
var (
	endedBare       = &ctxExtra{}
	endedWithParent = &ctxExtra{}
)

// sentinel reports whether e is one of the ext values of a context with no
// extra part (nil, endedBare, endedWithParent).
func sentinel(e *ctxExtra) bool { return e == nil || e == endedBare || e == endedWithParent }

// state returns ctxLive, endedItself or endedParent. It does not look at the
// parent: a live state may have a parent that ended (see Err).
func (c *taskContext) state() uint32 {
	switch e := c.ext.Load(); e {
	case nil:
		return ctxLive
	case endedBare:
		return endedItself
	case endedWithParent:
		return endedParent
	default:
		return e.ended.Load()
	}
}

type afterFunc struct{ f func() }

// Deadline returns the parent's deadline.
func (c *taskContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Value returns the parent's value for key, except for context.Cause's
// lookup of the nearest cancelCtx once the context has ended by itself (see
// taskContext): nil, so that Cause reports context.Canceled.
func (c *taskContext) Value(key any) any {
	if c.state() == endedItself && key == cancelCtxKey() {
		return nil
	}
	return c.parent.Value(key)
}

// Err returns nil while the context is live, context.Canceled once it has
// ended by itself, and the parent's Err once it has ended with the parent.
// As with the standard library's contexts, Done is closed once Err is not
// nil.
func (c *taskContext) Err() error {
	for {
		switch c.state() {
		case endedItself:
			c.waitClosed()
			return context.Canceled
		case endedParent:
			c.waitClosed()
			return c.parent.Err()
		}
		if c.parent.Err() == nil {
			return nil
		}
		// The parent has ended and nobody has said so yet: end it with the
		// parent, unless interrupt ended it by itself meanwhile; look again.
		c.end(endedParent)
	}
}

// waitClosed waits for the done channel of an ended context, if it has one,
// to be closed: the end that set ended closes it next, with mu held.
func (c *taskContext) waitClosed() {
	if e := c.ext.Load(); !sentinel(e) && e.done != nil {
		<-e.done
	}
}

// Done returns a channel closed when the context ends. The first call
// allocates it, and registers the context on a parent that can end.
func (c *taskContext) Done() <-chan struct{} {
	if e := c.ext.Load(); !sentinel(e) {
		return e.done
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.extraLocked().done
}

// extraLocked returns the extra part, making it first if need be: made for
// a context that has already ended, it is made ended the same way; made for
// a live context, it registers on a parent that can end. c.mu must be held.
func (c *taskContext) extraLocked() *ctxExtra {
	for {
		old := c.ext.Load()
		if !sentinel(old) {
			return old
		}
		e := &ctxExtra{done: make(chan struct{})}
		if old != nil {
			e.ended.Store(c.state())
			c.endLocked(e)
		} else if c.parent.Done() != nil {
			// If the parent has ended, parentEnded runs at once, in a
			// goroutine of its own: it waits for mu, or ends the context
			// bare before the compare-and-swap below, which then fails.
			e.stopParent = context.AfterFunc(c.parent, c.parentEnded)
		}
		if c.ext.CompareAndSwap(old, e) {
			if old == nil && c.parent.Err() != nil {
				// Ended already, as a WithCancel of it would be: Done is
				// closed when Done returns.
				if e.ended.CompareAndSwap(ctxLive, endedParent) {
					c.endLocked(e)
				}
			}
			return e
		}
		// The context ended meanwhile (nil → a sentinel): again.
		if e.stopParent != nil {
			e.stopParent()
		}
	}
}

// parentEnded is the context's registration on its parent.
func (c *taskContext) parentEnded() { c.end(endedParent) }

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
// does the task when its function returns. It ends by itself, unless the
// parent has ended already. Only the first end has effect.
func (c *taskContext) interrupt() {
	how := endedItself
	if c.parent.Err() != nil {
		how = endedParent
	}
	c.end(how)
}

// end ends the context how (endedItself or endedParent), unless it has
// ended already.
//
// It takes no lock unless someone asked for Done or registered an
// AfterFunc: with no extra part, ending is the compare-and-swap nil → a
// sentinel. Otherwise it sets the extra part's ended field and, with mu
// held, closes done and starts the AfterFuncs (endLocked makes that happen
// once); ending by itself, it then unregisters from the parent.
// extraLocked, with mu held, makes an extra part for a context that ended
// bare already ended, so that no ending is lost between the two.
func (c *taskContext) end(how uint32) {
	bare := endedBare
	if how == endedParent {
		bare = endedWithParent
	}
	if c.ext.CompareAndSwap(nil, bare) {
		return
	}
	e := c.ext.Load()
	if sentinel(e) || !e.ended.CompareAndSwap(ctxLive, how) {
		return // ended already
	}
	c.mu.Lock()
	afters := c.endLocked(e)
	c.mu.Unlock()
	if how == endedItself && e.done != nil && e.stopParent != nil {
		e.stopParent()
	}
	for a := range afters {
		go a.f()
	}
}

// String names the context as the standard library's contexts do.
func (c *taskContext) String() string { return fmt.Sprintf("%v.WithTask", c.parent) }

// cancelCtxKey returns the key context.Cause passes to Value to find the
// nearest cancelCtx (the address of an unexported variable of package
// context), learned once by asking Cause about a context that records it;
// nil if Cause no longer asks, in which case Value answers every key from
// the parent (TestCancelCtxKey fails on such a Go release).
var cancelCtxKey = sync.OnceValue(func() any {
	spy := keySpy{Context: context.Background()}
	_ = context.Cause(&spy)
	return spy.key
})

// keySpy is an ended context that records the key of the first Value call.
type keySpy struct {
	context.Context
	key any
}

func (s *keySpy) Err() error { return context.Canceled }

func (s *keySpy) Value(key any) any {
	if s.key == nil {
		s.key = key
	}
	return nil
}
