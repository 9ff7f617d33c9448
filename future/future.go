package future

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// Future is the eventual outcome of an operation: a value of type T or an
// error. It is Python's concurrent.futures.Future and asyncio.Future in one,
// safe for use by any number of goroutines.
//
// A Future is created pending, either by New (its producer resolves it with
// SetResult or SetError: a promise) or by Go or Submit (a task: the outcome
// is what its function returns). It is done once it is finished or cancelled,
// and then it never changes again.
//
// # Guarantees
//
//   - Exactly one outcome wins. Every later SetResult, SetError or Cancel
//     fails without effect, and every reader sees the same outcome.
//   - Resolving a future happens before Done is closed, before its callbacks
//     run and before any Result or TryResult call returns its outcome.
//   - Each callback runs exactly once, in the order they were added.
//
// # Cost
//
// A future is one small allocation, with room for one callback inline. The
// Done channel, and room for more callbacks, are allocated only when someone
// asks for them (or blocks in Result) while the future is pending; a Result
// blocked on a task from Go with a context that can never end allocates
// nothing (it waits in the task). Resolving a future takes one uncontended
// mutex and no allocation.
//
// The zero Future is not usable; create one with New, Go or Submit.
type Future[T any] struct {
	mu    sync.Mutex
	state atomic.Uint32 // a State; written with mu held (or by a compare-and-swap out of Pending), read without it
	flags atomic.Uint32 // isTask, inQueue, idsWrapped

	// Written with mu held, before state becomes final, and never after;
	// read freely once state is final. (Cancel writes err before its
	// compare-and-swap and takes it back if a task started first: the write
	// is visible only with the Cancelled state.)
	val T
	err error

	// The first callback, kept inline in two parts (most futures have at
	// most one): a func(*Future[T]) from AddDoneCallback or a func() from
	// AfterDone, with AfterDone's id.
	first     any
	firstID   uint32
	nextID    uint32          // identifies AfterDone registrations, for their stop functions
	done      chan struct{}   // made by the first Done (or a blocking Result that does not park) while pending; closed when done
	ext       *futureExtra[T] // made by the second callback
	interrupt interrupter     // tasks: cancels the function's context, or withdraws the task
}

// futureExtra is the part of a Future that most never use, kept out of line
// so that a future and a task stay small. Guarded by the future's mu.
type futureExtra[T any] struct {
	callbacks []callback[T] // the callbacks after the first; all run and dropped when done
}

// The flags of a future: set at creation, except inQueue, which an executor
// task clears when it leaves its queue (see execTask), and idsWrapped (see
// newIDLocked).
const (
	isTask     = 1 << iota // created by Go or Submit: String says Task, Cancel may interrupt Running
	inQueue                // an executor task still in its queue: whoever clears it withdraws it
	idsWrapped             // nextID has wrapped around: new ids skip those in use
)

// isTask reports whether f was created by Go or Submit.
func (f *Future[T]) isTask() bool { return f.flags.Load()&isTask != 0 }

// extLocked returns f.ext, making it first if need be. f.mu must be held.
func (f *Future[T]) extLocked() *futureExtra[T] {
	if f.ext == nil {
		f.ext = &futureExtra[T]{}
	}
	return f.ext
}

// An interrupter is what Cancel calls on a task: it cancels the function's
// context or, for a task still queued on an executor, takes it off the queue.
// An interface rather than a func field, so that a task can be its own
// interrupter without allocating a method value.
type interrupter interface{ interrupt() }

// A queuedInterrupter is an interrupter that may be a task still in an
// executor's queue: withdrawQueued takes it out, with Cancel's mu held, and
// reports whether it did.
type queuedInterrupter interface{ withdrawQueued() bool }

// New returns a pending future, to be resolved by its producer with SetResult
// or SetError. It is Python's Future() constructor, the promise side of the
// future.
func New[T any]() *Future[T] {
	return &Future[T]{}
}

// State returns the future's current state. It never blocks.
func (f *Future[T]) State() State { return State(f.state.Load()) }

// IsDone reports whether the future is finished or cancelled, without
// blocking. It is Python's done(); Done is the channel form.
func (f *Future[T]) IsDone() bool { return f.State().done() }

// Running reports whether the future is in the Running state: a task whose
// function has started and not yet returned.
func (f *Future[T]) Running() bool { return f.State() == Running }

// Cancelled reports whether the future was cancelled.
func (f *Future[T]) Cancelled() bool { return f.State() == Cancelled }

// Done returns a channel that is closed when the future is done, for use in
// select statements. Successive calls return the same channel. The first call
// on a pending future allocates the channel; on a done future, Done
// allocates nothing, and may return a closed channel shared with other done
// futures: do not use the channel to tell futures apart.
func (f *Future[T]) Done() <-chan struct{} {
	if f.State().done() {
		return f.doneChan()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.State().done() {
		return f.doneChan()
	}
	if f.done == nil {
		f.done = make(chan struct{})
	}
	return f.done
}

// doneChan returns the Done channel of a done future: the one made while it
// was pending, if any, else a shared closed channel. It needs no lock: done
// is only ever set while the future is pending, with mu held, and so before
// its final state is published.
func (f *Future[T]) doneChan() <-chan struct{} {
	if f.done != nil {
		return f.done
	}
	return closedChan
}

// closedChan is the Done channel of the futures that are done before anyone
// asks for one.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// Result waits until the future is done or ctx ends, whichever comes first.
//
// If the future is finished it returns the value and the error it was
// resolved with, the identical error value. If it was cancelled it returns
// the zero T and an error that matches both ErrCancelled and
// context.Canceled. If ctx ends first it returns ctx.Err() (a deadline plays
// the part of Python's TimeoutError) and leaves the future untouched: later
// calls still get the real outcome.
//
// A future that is already done returns its outcome even if ctx has ended.
func (f *Future[T]) Result(ctx context.Context) (T, error) {
	if f.State().done() {
		return f.val, f.err
	}
	return f.wait(ctx)
}

// wait is Result on a future that was pending, kept out of line so that
// Result's fast path, inlined into its callers, stays a load and a compare.
//
//go:noinline
func (f *Future[T]) wait(ctx context.Context) (T, error) {
	cancelled := ctx.Done()
	if cancelled == nil { // ctx can never end: a plain wait beats a select
		if t, ok := f.interrupt.(*goTask[T]); ok {
			t.park.Wait() // see goTask
		} else {
			<-f.Done()
		}
		return f.val, f.err
	}
	select {
	case <-f.Done():
		return f.val, f.err
	case <-cancelled:
		// A future resolved at the same moment as ctx ended still wins:
		// report the outcome rather than a spurious timeout.
		if f.State().done() {
			return f.val, f.err
		}
		var zero T
		return zero, ctx.Err()
	}
}

// TryResult returns the outcome of a done future without blocking, like
// Python's Future.result() in asyncio. While the future is pending or running
// it returns an error matching ErrInvalidState.
func (f *Future[T]) TryResult() (T, error) {
	if !f.State().done() {
		var zero T
		return zero, invalidState(f)
	}
	return f.val, f.err
}

// Err returns the error outcome of a done future without blocking: nil if it
// finished with a value, its error if it finished with one, an error matching
// ErrCancelled if it was cancelled. While the future is pending or running it
// returns an error matching ErrInvalidState (never nil, so that nil always
// means success). It is Python's exception().
func (f *Future[T]) Err() error {
	if !f.State().done() {
		return invalidState(f)
	}
	return f.err
}

// SetResult resolves a pending or running future with v. On a future that is
// already done it returns an error matching ErrInvalidState and the earlier
// outcome is kept. On a task (from Go or Submit) it always returns such an
// error: a task's outcome is what its function returns (asyncio refuses
// Task.set_result too).
func (f *Future[T]) SetResult(v T) error {
	if f.isTask() {
		return invalidState(f)
	}
	return f.resolve(Finished, v, nil)
}

// SetError resolves a pending or running future with err. A nil err is
// recorded as it is: the future finishes with the zero T and no error. On a
// future that is already done it returns an error matching ErrInvalidState
// and the earlier outcome is kept.
//
// SetError records err as it is, even if it is a cancellation error: to
// cancel a future, call Cancel. Like SetResult, it is refused on a task.
func (f *Future[T]) SetError(err error) error {
	if f.isTask() {
		return invalidState(f)
	}
	var zero T
	return f.resolve(Finished, zero, err)
}

// SetRunning marks a pending future as running: its producer has started the
// work, and Cancel can no longer stop it (Python's
// set_running_or_notify_cancel). It returns nil if the future is now running,
// an error matching ErrCancelled if it was cancelled first (the producer must
// then skip the work), and an error matching ErrInvalidState if it was already
// running or done, or if it is a task: Go and Submit start their tasks
// themselves. Producers of futures from New call it if they want Running to
// be reported.
func (f *Future[T]) SetRunning() error {
	if f.isTask() {
		return invalidState(f)
	}
	if f.setRunning() {
		return nil
	}
	if f.State() == Cancelled {
		return ErrCancelled
	}
	return invalidState(f)
}

// setRunning moves a pending future to Running and reports whether it did.
// Lock-free: every move out of Pending is a compare-and-swap (see Cancel).
func (f *Future[T]) setRunning() bool {
	return f.state.CompareAndSwap(uint32(Pending), uint32(Running))
}

// Cancel cancels the future, if it can, and reports whether it did.
//
//   - Pending: the future becomes Cancelled at once, waiters wake up with
//     ErrCancelled, callbacks run, and Cancel returns true. A task that had not
//     started never runs its function.
//   - Running task (from Go or Submit): its function's context is cancelled,
//     and Cancel returns true. Cancellation is cooperative, as with asyncio's
//     Task.cancel: the future ends Cancelled if the function returns an error
//     matching context.Canceled, and Finished with whatever it returned
//     otherwise.
//   - Running future from New: it cannot be cancelled; Cancel returns false.
//   - Cancelled: Cancel returns true and does nothing (Python's semantics).
//   - Finished: Cancel returns false and does nothing.
func (f *Future[T]) Cancel() bool {
	f.mu.Lock()
	switch f.State() {
	case Pending:
		// A compare-and-swap, as setRunning may start the task meanwhile
		// without the lock. The outcome is written first, for readers
		// that see Cancelled; if the task won, the task's own outcome
		// overwrites it (with mu held) before it is published.
		// A task still in an executor's queue leaves it first, so that
		// its room and its count are back before anyone sees it done.
		// Once withdrawn, nothing can start it: the swap below wins.
		q, queued := f.interrupt.(queuedInterrupter)
		withdrawn := queued && q.withdrawQueued()
		f.err = ErrCancelled
		if !f.state.CompareAndSwap(uint32(Pending), uint32(Cancelled)) {
			f.err = nil
			f.mu.Unlock()
			return f.Cancel() // now Running, or done
		}
		first, rest := f.publishLocked()
		interrupt := f.interrupt
		f.mu.Unlock()
		if interrupt != nil && !withdrawn {
			interrupt.interrupt()
		}
		f.runCallbacks(first, rest)
		return true
	case Running:
		interrupt := f.interrupt
		f.mu.Unlock()
		if interrupt == nil {
			return false
		}
		interrupt.interrupt()
		return true
	case Cancelled:
		f.mu.Unlock()
		return true
	}
	f.mu.Unlock()
	return false
}

// resolve moves a pending or running future to the final state st.
func (f *Future[T]) resolve(st State, v T, err error) error {
	first, rest, err := f.resolveHeld(st, v, err)
	f.runCallbacks(first, rest)
	return err
}

// resolveHeld is resolve, but it hands the callbacks back instead of
// running them, for a caller with work that must come before them.
func (f *Future[T]) resolveHeld(st State, v T, err error) (first callback[T], rest []callback[T], _ error) {
	f.mu.Lock()
	if f.State().done() {
		f.mu.Unlock()
		return first, rest, invalidState(f)
	}
	first, rest = f.finishLocked(st, v, err)
	f.mu.Unlock()
	return first, rest, nil
}

// finishLocked records the outcome, publishes the final state, wakes the
// waiters and hands back the callbacks to run once mu is released.
func (f *Future[T]) finishLocked(st State, v T, err error) (first callback[T], rest []callback[T]) {
	f.val, f.err = v, err
	f.state.Store(uint32(st)) // publishes val and err to lock-free readers
	if t, ok := f.interrupt.(*goTask[T]); ok {
		t.park.Done() // see goTask
	}
	return f.publishLocked()
}

// publishLocked wakes the waiters of a future that has just become done and
// hands back the callbacks to run once mu is released.
func (f *Future[T]) publishLocked() (first callback[T], rest []callback[T]) {
	if f.done != nil {
		close(f.done)
	}
	return f.takeCallbacksLocked()
}

// String describes the future in the spirit of Python's repr:
// <Future pending>, <Task running>, <Future cancelled>,
// <Task finished result=42>, <Future finished error="boom">.
func (f *Future[T]) String() string {
	kind := "Future"
	if f.isTask() {
		kind = "Task"
	}
	st := f.State()
	if st != Finished {
		return fmt.Sprintf("<%s %s>", kind, st)
	}
	if f.err != nil {
		return fmt.Sprintf("<%s finished error=%q>", kind, f.err.Error())
	}
	return fmt.Sprintf("<%s finished result=%v>", kind, any(f.val))
}
