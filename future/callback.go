package future

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
)

// callback is one registration: a func(*Future[T]) from AddDoneCallback, a
// func() from AfterDone or a Watcher from Watch; the last two with an id,
// for their removal (AddDoneCallback's stay, with id 0).
type callback[T any] struct {
	fn any
	id uint32
}

// addCallbackLocked registers cb, in order: inline if it is the only one.
func (f *Future[T]) addCallbackLocked(cb callback[T]) {
	if f.first == nil && (f.ext == nil || len(f.ext.callbacks) == 0) {
		f.first, f.firstID = cb.fn, cb.id
		return
	}
	e := f.extLocked()
	e.callbacks = append(e.callbacks, cb)
}

// takeCallbacksLocked removes and returns every registered callback: the
// inline first one (possibly empty) and the rest, in order.
func (f *Future[T]) takeCallbacksLocked() (first callback[T], rest []callback[T]) {
	first = callback[T]{f.first, f.firstID}
	f.first, f.firstID = nil, 0
	if f.ext != nil {
		rest, f.ext.callbacks = f.ext.callbacks, nil
	}
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
// A callback that panics, or calls runtime.Goexit, does not stop the
// callbacks after it, and does not change the future (a Goexit still ends
// the goroutine that completed the future, once the other callbacks have
// run). The panic is recovered and logged with log/slog's default
// logger at level Error (message "future: callback panicked", with the
// future, the panic value and the stack), as Python logs an exception in a
// callback on the "concurrent.futures" logger.
func (f *Future[T]) AddDoneCallback(fn func(*Future[T])) {
	f.mu.Lock()
	if !f.State().done() {
		f.addCallbackLocked(callback[T]{fn: fn})
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	f.runCallback(callback[T]{fn: fn})
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
		f.runCallback(callback[T]{fn: fn})
		return func() bool { return false }
	}
	id := f.newIDLocked()
	f.addCallbackLocked(callback[T]{fn: fn, id: id})
	f.mu.Unlock()
	return func() bool { return f.removeCallback(id) }
}

// A Watcher is told that a future it watches is done: see Future.Watch. It
// is AfterDone's callback as an interface, so that a value that follows
// many futures (an element of a slice, say) can register itself without
// allocating a closure per future.
type Watcher interface {
	// FutureDone is called once, after the future's outcome is final: in
	// the goroutine that completes the future, or in Watch's caller if the
	// future is already done. Like a done callback, it must be quick and
	// must not block.
	FutureDone()
}

// Watch arranges for w.FutureDone() to be called once the future is done,
// as AfterDone does for a func, and returns an id for Unwatch. It allocates
// nothing but, for a future with several callbacks, its share of their
// list. On a future that is already done, it calls w.FutureDone at once,
// before returning, and returns 0.
func (f *Future[T]) Watch(w Watcher) (id uint32) {
	f.mu.Lock()
	if f.State().done() {
		f.mu.Unlock()
		f.runCallback(callback[T]{fn: w})
		return 0
	}
	id = f.newIDLocked()
	f.addCallbackLocked(callback[T]{fn: w, id: id})
	f.mu.Unlock()
	return id
}

// Unwatch unregisters the Watch registration with the given id and reports
// whether it did so before FutureDone was called; false means the future is
// done (FutureDone has run, is running, or is about to), or id is 0. Ids are
// the future's own: pass Unwatch only an id that Watch returned on this
// future, once.
func (f *Future[T]) Unwatch(id uint32) bool {
	if id == 0 {
		return false
	}
	return f.removeCallback(id)
}

// newIDLocked returns an id for an AfterDone or Watch registration: never
// 0 (AddDoneCallback's, and Watch's "already done"), and, once the counter
// has wrapped around, none still in use. f.mu must be held.
func (f *Future[T]) newIDLocked() uint32 {
	for {
		f.nextID++
		if f.nextID == 0 {
			f.flags.Or(idsWrapped)
			continue
		}
		if f.flags.Load()&idsWrapped == 0 || !f.idInUseLocked(f.nextID) {
			return f.nextID
		}
	}
}

// idInUseLocked reports whether a registration with the given id is in
// place. f.mu must be held.
func (f *Future[T]) idInUseLocked(id uint32) bool {
	if f.first != nil && f.firstID == id {
		return true
	}
	if f.ext != nil {
		for _, cb := range f.ext.callbacks {
			if cb.id == id {
				return true
			}
		}
	}
	return false
}

// removeCallback unregisters the AfterDone or Watch registration with the
// given id (> 0), if the future is still not done.
func (f *Future[T]) removeCallback(id uint32) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.first != nil && f.firstID == id {
		f.first, f.firstID = nil, 0
		if f.ext != nil && len(f.ext.callbacks) > 0 { // keep the order: the next one moves up
			next := f.ext.callbacks[0]
			f.first, f.firstID = next.fn, next.id
			f.ext.callbacks = slices.Delete(f.ext.callbacks, 0, 1)
		}
		return true
	}
	if f.ext == nil {
		return false
	}
	for i, cb := range f.ext.callbacks {
		if cb.id == id {
			f.ext.callbacks = slices.Delete(f.ext.callbacks, i, i+1) // zeroes the vacated slot
			return true
		}
	}
	return false
}

// runCallbacks calls first (unless empty), then each of rest, in order. It
// must be called without mu.
//
// A callback that panics is recovered by runCallback. One that calls
// runtime.Goexit cannot be stopped from ending the goroutine, but the
// deferred call below still runs the callbacks after it before the goroutine
// exits: no later callback (a combinator's, say) is ever dropped.
func (f *Future[T]) runCallbacks(first callback[T], rest []callback[T]) {
	if len(rest) == 0 { // at most one: no later callback for the deferred call to save
		if first.fn != nil {
			f.runCallback(first)
		}
		return
	}
	i, returned := -1, false // i: the callback of rest running (-1: first)
	defer func() {
		if !returned {
			f.runCallbacks(callback[T]{}, rest[i+1:])
		}
	}()
	if first.fn != nil {
		f.runCallback(first)
	}
	for i = 0; i < len(rest); i++ {
		f.runCallback(rest[i])
	}
	returned = true
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
	switch fn := cb.fn.(type) {
	case func(*Future[T]):
		fn(f)
	case func():
		fn()
	case Watcher:
		fn.FutureDone()
	}
}
