package semaphore

import "context"

// A watch wakes the waiters whose context has ended. There is one per
// distinct Done channel among the current waiters, however many wait on it:
// one context.AfterFunc registration, made by the first waiter with that
// context and stopped when the last one leaves the queue.
//
// Design note: the obvious way to wait, a select on the waiter's own channel
// and ctx.Done(), makes every blocked goroutine lock the context's Done
// channel twice (to enqueue on it and to dequeue from it). Waiters usually
// share one context — a request's, a crawler's — so under contention that
// channel's lock was where most of the time went. With a watch, a waiter
// blocks on its own channel only and the shared context is touched once per
// context, not once per wait. The price: the first waiter of a context
// allocates the registration (a watch and context.AfterFunc's own objects),
// and an ended context wakes its waiters from the goroutine AfterFunc starts.
type watch struct {
	done <-chan struct{}
	stop func() bool
	list waiters // through link[inWatch]
}

// watchLocked puts w on the watch for ctx, registering one if this is the
// first waiter with that Done channel. s.mu must be held.
func (s *Semaphore) watchLocked(ctx context.Context, done <-chan struct{}, w *waiter) {
	wt := s.watches[done]
	if wt == nil {
		wt = &watch{done: done, list: waiters{k: inWatch}}
		if s.watches == nil {
			s.watches = make(map[<-chan struct{}]*watch)
		}
		s.watches[done] = wt
		// If ctx has already ended, AfterFunc starts expire at once, in its
		// own goroutine; it then waits for s.mu like everybody else.
		wt.stop = context.AfterFunc(ctx, func() { s.expire(wt) })
	}
	wt.list.push(w)
	w.watch = wt
}

// unwatchLocked takes w off its watch. If w was the watch's last waiter, the
// watch is forgotten and its stop function returned, for the caller to call
// once s.mu is released. s.mu must be held.
func (s *Semaphore) unwatchLocked(w *waiter) (stop func() bool) {
	wt := w.watch
	if wt == nil {
		return nil
	}
	w.watch = nil
	wt.list.remove(w)
	if wt.list.n > 0 {
		return nil
	}
	if s.watches[wt.done] == wt {
		delete(s.watches, wt.done)
	}
	return wt.stop
}

// expire runs when a watched context ends: every waiter still on the watch
// leaves the queue, without a permit, and is woken to return the context's
// error. Waiters already granted a permit are no longer on the watch.
func (s *Semaphore) expire(wt *watch) {
	s.mu.Lock()
	head := wt.list.head
	for w := head; w != nil; w = w.link[inWatch].next {
		s.removeLocked(w)
		w.watch = nil
	}
	wt.list = waiters{k: inWatch}
	if s.watches[wt.done] == wt {
		delete(s.watches, wt.done)
	}
	s.mu.Unlock()
	for w := head; w != nil; {
		next := w.link[inWatch].next // read before the signal: a woken waiter may be reused at once
		w.ready <- struct{}{}
		w = next
	}
}
