package future

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
)

// callback is one registration: typed (AddDoneCallback) or erased
// (AfterDone, with an id for its stop function).
type callback[T any] struct {
	typed  func(*Future[T])
	erased func()
	id     uint32
}

func (cb callback[T]) empty() bool { return cb.typed == nil && cb.erased == nil }

// addCallbackLocked registers cb, in order: inline if it is the only one.
func (f *Future[T]) addCallbackLocked(cb callback[T]) {
	if f.first.empty() && len(f.callbacks) == 0 {
		f.first = cb
		return
	}
	f.callbacks = append(f.callbacks, cb)
}

// takeCallbacksLocked removes and returns every registered callback: the
// inline first one (possibly empty) and the rest, in order.
func (f *Future[T]) takeCallbacksLocked() (first callback[T], rest []callback[T]) {
	first, rest = f.first, f.callbacks
	f.first, f.callbacks = callback[T]{}, nil
	return first, rest
}

// AddDoneCallback arranges for fn to be called with the future once it is
// done (finished or cancelled).
//
// Callbacks added before completion run exactly once each, in the order they
// were added, in the goroutine that completes the future (the one calling
// SetResult, SetError or Cancel, or the task's goroutine), after the future's
// lock is released: a callback may call Result, TryResult or any other method
// without deadlock. A callback added to a future that is already done runs at
// once, in the caller's goroutine, before AddDoneCallback returns. No goroutine
// is started for callbacks, so they should be quick; hand long work to a
// goroutine of your own.
//
// A callback that panics does not stop the callbacks after it, and does not
// change the future. The panic is recovered and logged with log/slog's default
// logger at level Error (message "future: callback panicked", with the
// future, the panic value and the stack), as Python logs an exception in a
// callback on the "concurrent.futures" logger.
func (f *Future[T]) AddDoneCallback(fn func(*Future[T])) {
	f.mu.Lock()
	if !f.State().done() {
		f.addCallbackLocked(callback[T]{typed: fn})
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	f.runCallback(callback[T]{typed: fn})
}

// AfterDone arranges for fn to be called once the future is done, like
// AddDoneCallback, and returns a function that unregisters it. Calling stop
// returns true if it prevented fn from running, and false if the future was
// already done (fn has run, is running, or is about to run). It is the
// future's counterpart of context.AfterFunc, except that fn runs in the
// completing goroutine rather than a new one.
//
// AfterDone is what lets code that does not know T (waits, as-completed
// iteration over mixed futures) follow a future; stop is what lets it leave
// no registration behind when it gives up.
func (f *Future[T]) AfterDone(fn func()) (stop func() bool) {
	f.mu.Lock()
	if f.State().done() {
		f.mu.Unlock()
		f.runCallback(callback[T]{erased: fn})
		return func() bool { return false }
	}
	f.nextID++
	id := f.nextID
	f.addCallbackLocked(callback[T]{erased: fn, id: id})
	f.mu.Unlock()
	return func() bool { return f.removeCallback(id) }
}

// removeCallback unregisters the AfterDone callback with the given id, if the
// future is still not done.
func (f *Future[T]) removeCallback(id uint32) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.first.erased != nil && f.first.id == id {
		f.first = callback[T]{}
		if len(f.callbacks) > 0 { // keep the order: the next one moves up
			f.first = f.callbacks[0]
			f.callbacks = slices.Delete(f.callbacks, 0, 1)
		}
		return true
	}
	for i, cb := range f.callbacks {
		if cb.erased != nil && cb.id == id {
			f.callbacks = slices.Delete(f.callbacks, i, i+1) // zeroes the vacated slot
			return true
		}
	}
	return false
}

// runCallbacks calls first (unless empty), then each of rest, in order. It
// must be called without mu.
func (f *Future[T]) runCallbacks(first callback[T], rest []callback[T]) {
	if !first.empty() {
		f.runCallback(first)
	}
	for _, cb := range rest {
		f.runCallback(cb)
	}
}

func (f *Future[T]) runCallback(cb callback[T]) {
	defer func() {
		if v := recover(); v != nil {
			slog.Error("future: callback panicked",
				"future", f.String(),
				"panic", fmt.Sprint(v),
				"stack", string(debug.Stack()))
		}
	}()
	if cb.typed != nil {
		cb.typed(f)
	} else {
		cb.erased()
	}
}
