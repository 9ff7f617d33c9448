package future

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// taskContext is the context a task's function gets, from Go or an
// executor: built into the task, it ends when the task is cancelled, when
// its function returns, or when the parent ends, as a context.WithCancel of
// the parent with a deferred cancel would.
//
// Design note: context.WithCancel costs two allocations, an entry in the
// parent's children map (added under the parent's mutex, and deleted under
// it again when the task ends: with a million tasks under one parent, a
// contended million-entry map), and a Done channel as soon as anyone waits.
// A taskContext pays that only when someone asks for its Done channel or
// derives a context from it: then it makes that context.WithCancel of the
// parent (the inner context) and lets it do the work, so that from then on
// it behaves exactly as one. Until then, Err looks at the parent's Err as
// well as its own state, and Sleep waits on the parent's Done channel and a
// timer the task can reset (see goContext).
//
// The standard library cannot tell it from a cancelCtx, by three rules:
//
//   - An end must be decided once and never change: the state moves from
//     live to endedItself (interrupt, when the parent has not ended) or to
//     endedParent (interrupt or Err, once the parent has ended), by
//     compare-and-swap, and whoever sees the parent ended while the state
//     is live makes it endedParent before answering. So Err is stable.
//     Ending by itself cancels the inner context, if there is one, at once:
//     the contexts derived from it end before Cancel (or the function's
//     return) is over. The parent ends the inner context itself, as it ends
//     any child, and so its descendants, before its cancel returns.
//   - context.Cause(c), and every std constructor looking for the nearest
//     cancelCtx above c, ask c.Value(&cancelCtxKey). With an inner context,
//     Value passes that lookup to it: it is the cancelCtx above, whose Done
//     channel is c's, so contexts derived from c become its children, and
//     Cause reports its cause (Canceled, or the parent's, copied). Without
//     one, once the context has ended by itself, Value answers nil, so that
//     Cause falls back to Err, context.Canceled, even if the parent ends
//     later with a cause; otherwise (live, or ended with the parent) the
//     lookup goes to the parent, whose cause a WithCancel child would copy.
//     The key is learned once from Cause itself (see cancelCtxKey).
//   - Once there is an inner context, Err, Done and Cause are all its own:
//     they agree, whoever ends first, the task or the parent.
type taskContext struct {
	parent context.Context
	// ext is nil while the context is live and nobody asked for Done; endedBare
	// or endedWithParent once it ended with no extra part; otherwise the
	// extra part, whose ended field says whether and how it ended. It only
	// ever moves nil → a sentinel, nil → extra, or sentinel → extra (made
	// ended the same way), by compare-and-swap: so ending the context, the
	// common case, is one compare-and-swap, and the struct holds no separate
	// state.
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
// of line so that a task stays small.
type ctxExtra struct {
	// ctxLive, endedItself or endedParent: how end decided (inner says what
	// it is). Not redundant with inner: it makes the first end the only one
	// to act, and without it TestTaskContextObservers sees Cause change.
	ended  atomic.Uint32
	inner  context.Context    // context.WithCancel(parent), made with the extra part
	cancel context.CancelFunc // inner's, called when the context ends by itself

	// An executor's task whose parent can end uses the extra part, while
	// queued, to hold the stop function of the queue's registration on the
	// parent (see execTask); inner is then nil. The worker that takes the
	// task clears that extra part before the context is handed to the
	// function.
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

// Deadline returns the parent's deadline.
func (c *taskContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Value returns the parent's value for key, except for the lookup of the
// nearest cancelCtx (see taskContext): the inner context's answer when there
// is one, nil once the context has ended by itself without one.
func (c *taskContext) Value(key any) any {
	if key == cancelCtxKey() {
		if e := c.ext.Load(); !sentinel(e) && e.inner != nil {
			return e.inner.Value(key)
		}
		if c.state() == endedItself {
			return nil
		}
	}
	return c.parent.Value(key)
}

// Err returns nil while the context is live, context.Canceled once it has
// ended by itself, and the parent's Err once it has ended with the parent;
// once there is an inner context, that context's Err, which says the same.
func (c *taskContext) Err() error {
	for {
		switch e := c.ext.Load(); e {
		case endedBare:
			return context.Canceled
		case endedWithParent:
			return c.parent.Err()
		case nil:
			if c.parent.Err() == nil {
				return nil
			}
			// The parent has ended and nobody has said so yet: end it with
			// the parent, unless interrupt ended it by itself meanwhile;
			// look again.
			c.end(endedParent)
		default:
			if err := e.inner.Err(); err != nil || c.parent.Err() == nil {
				return err
			}
			// The parent has ended, and its cancel, which closes its own
			// Done before it cancels its children, is ending inner: wait,
			// so that whoever woke on the parent's Done sees Err, Done and
			// Cause agree. The parent's cancel runs no code of anyone's
			// meanwhile, so the wait is short.
			<-e.inner.Done()
			return e.inner.Err()
		}
	}
}

// Done returns a channel closed when the context ends. The first call makes
// the inner context (see taskContext).
func (c *taskContext) Done() <-chan struct{} {
	if e := c.ext.Load(); !sentinel(e) {
		return e.inner.Done()
	}
	return c.extra().inner.Done()
}

// extra returns the extra part, making it first if need be, with the inner
// context: made for a context that has already ended, it is made ended the
// same way (its inner context cancelled, or born ended with the parent). It
// takes no lock: of two goroutines making it at once, the one whose
// compare-and-swap fails cancels its inner context (which leaves the
// parent's children) and returns the other's.
func (c *taskContext) extra() *ctxExtra {
	for {
		old := c.ext.Load()
		if !sentinel(old) {
			return old
		}
		e := &ctxExtra{}
		switch old {
		case nil:
			e.inner, e.cancel = context.WithCancel(c.parent)
		case endedBare:
			// Ended by itself, before the parent (which may have ended
			// since): cancelled with Canceled as its cause, the parent's
			// values and nothing of its end.
			e.inner, e.cancel = context.WithCancel(context.WithoutCancel(c.parent))
			e.cancel()
		case endedWithParent:
			// The parent has ended: a WithCancel of it is born ended, with
			// the parent's cause.
			e.inner, e.cancel = context.WithCancel(c.parent)
		}
		e.ended.Store(c.state())
		if c.ext.CompareAndSwap(old, e) {
			return e
		}
		// The context ended meanwhile (nil → a sentinel): again.
		e.cancel()
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
// It takes no lock: with no extra part, ending is the compare-and-swap nil
// → a sentinel (and extra, which makes the extra part by
// compare-and-swap from what it saw, makes it ended if that failed because
// of this). Otherwise it sets the extra part's ended field and, ending by
// itself, cancels the inner context, which ends the contexts derived from
// it and leaves the parent's children; ending with the parent leaves the
// inner context to the parent, which is cancelling it.
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
	if how == endedItself && e.cancel != nil {
		e.cancel()
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
