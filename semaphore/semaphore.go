// Package semaphore provides a bounded, strictly FIFO, context-aware
// semaphore: Python's asyncio.BoundedSemaphore for goroutines.
//
// # Guarantees
//
//   - Bounded: at most Cap holders at any time.
//   - Strictly FIFO: waiters get permits in the order they called Acquire. A
//     newcomer never overtakes a waiter: Acquire queues and TryAcquire fails
//     while anyone waits, even if a permit is momentarily free.
//   - Cancellation-safe: a waiter whose context ends leaves the queue without
//     taking a permit. If its context ends at the very moment a permit is
//     handed to it, it passes the permit on to the next waiter (or back to the
//     semaphore) and returns the context's error: a permit is never lost or
//     leaked. Acquire with a context that has already ended fails, even when
//     a permit is free.
//   - Over-release is caught when it would take the count of held permits
//     below zero: Release then panics with [ErrReleased], and the capacity
//     never grows. A semaphore cannot tell whose permit a Release gives back,
//     though: while permits are held by others, a stray Release (one more
//     than its caller acquired) passes for theirs, and hands a permit to the
//     next waiter. Pair every Release with its Acquire ([Semaphore.Do] does
//     it for you).
//
// # Compared with golang.org/x/sync/semaphore
//
// x/sync's Weighted takes weighted acquisitions (n permits at once): use it
// when you need weights, which this package does not offer. This one counts
// permits of one, which is what Python's semaphores and most limiters need,
// and adds strict FIFO without weights' head-of-line blocking, introspection
// ([Semaphore.Cap], [Semaphore.Available], [Semaphore.Waiters],
// [Semaphore.Locked]), [Semaphore.Do] for the `async with sem:` block, and a
// clear panic on over-release.
//
// # Cost
//
// While nobody waits, Acquire and Release are one compare-and-swap each and
// allocate nothing. An Acquire that waits parks its goroutine until a Release
// hands it the permit, the price of strict FIFO. Waiters are recycled, so a
// waiting Acquire allocates nothing either, provided the waiters share their
// context (or use one that can never end): the first waiter with a context
// not seen among the current waiters allocates one registration on it. The
// measured numbers, beside x/sync's and a buffered channel's, are in the
// repository's benchmarks/README.md.
package semaphore

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// ErrReleased is the value Release panics with when it is called more times
// than Acquire and TryAcquire succeeded: Python's ValueError("BoundedSemaphore
// released too many times").
//
// Over-release is a bug in the caller, like unlocking an unlocked sync.Mutex,
// so it panics rather than returning an error nobody would check: silently
// ignoring it would let the bug raise the concurrency limit. Recover it with
// errors.Is(r.(error), ErrReleased) if you must.
var ErrReleased = errors.New("semaphore: released more permits than were acquired")

// Semaphore limits how many goroutines hold one of its permits at a time.
// Create one with New; the zero value has no permits. A Semaphore must not be
// copied after first use.
type Semaphore struct {
	// state is the number of permits held, plus the waiting bit while the
	// queue is not empty. While the bit is clear, Acquire, TryAcquire and
	// Release change state with a compare-and-swap and never touch mu; while
	// it is set, state changes only with mu held.
	//
	// Design note: the hard part of a FIFO semaphore is the waiting, but most
	// calls never wait; one word that says both "how many are held" and
	// "does anyone wait" lets those calls be two atomic operations, and makes
	// the FIFO rule (nobody overtakes a waiter) a single bit test.
	state atomic.Uint64
	size  uint64 // capacity

	mu      sync.Mutex
	queue   waiters // goroutines blocked in Acquire, oldest first
	watches map[<-chan struct{}]*watch
	pool    sync.Pool
}

// waiting is the bit of Semaphore.state that is set while the queue is not
// empty.
const waiting = 1 << 63

// New returns a semaphore with n permits (Python's BoundedSemaphore(n)).
//
// New(0) is a semaphore that is always locked: every Acquire waits until its
// context ends and TryAcquire always fails, which can serve as a closed gate.
// A negative n panics, as make does for a negative size: it is a programming
// error with no sensible meaning.
func New(n int) *Semaphore {
	if n < 0 {
		panic("semaphore: New with negative size")
	}
	return &Semaphore{size: uint64(n)}
}

// Acquire blocks until it holds a permit or ctx ends. It returns nil when it
// got a permit, which the caller must give back with Release, and ctx.Err()
// otherwise, holding nothing. Waiters are served in the order they called
// Acquire. If ctx has already ended, Acquire fails at once even if a permit is
// free.
//
// Cost: without contention, two atomic operations and no allocation. A call
// that waits allocates nothing either, once the semaphore has been in use,
// except the first waiter with a given context (see the package's Cost).
func (s *Semaphore) Acquire(ctx context.Context) error {
	done := ctx.Done() // nil if ctx can never end
	if done != nil {
		select {
		case <-done:
			return ctx.Err()
		default:
		}
	}
	if s.TryAcquire() {
		return nil
	}
	return s.acquireSlow(ctx, done)
}

func (s *Semaphore) acquireSlow(ctx context.Context, done <-chan struct{}) error {
	s.lock()
	// Take a free permit if nobody waits, or else raise the waiting bit: in
	// one compare-and-swap, so a Release cannot slip in between and leave us
	// queued behind a free permit.
	for {
		st := s.state.Load()
		if st&waiting == 0 && st < s.size {
			if s.state.CompareAndSwap(st, st+1) {
				s.mu.Unlock()
				return nil
			}
			continue
		}
		if st&waiting != 0 || s.state.CompareAndSwap(st, st|waiting) {
			break
		}
	}
	w, _ := s.pool.Get().(*waiter)
	if w == nil {
		w = &waiter{ready: make(chan struct{}, 1)}
	}
	w.granted = false
	s.queue.push(w)
	if testHookQueued != nil {
		testHookQueued(s, w)
	}
	if done != nil {
		s.watchLocked(ctx, done, w)
	}
	s.mu.Unlock()

	<-w.ready // a grant (Release) or an expiry (the watch), never both
	if !w.granted {
		s.pool.Put(w)
		return ctx.Err()
	}
	select {
	case <-done:
		// ctx ended after the hand-off but before we could return: we report
		// the cancellation, so we pass the permit on rather than keep it.
		s.pool.Put(w)
		s.Release()
		return ctx.Err()
	default:
		s.pool.Put(w)
		return nil
	}
}

// TryAcquire takes a permit if one is free and nobody is waiting, without
// blocking, and reports whether it did.
func (s *Semaphore) TryAcquire() bool {
	for {
		st := s.state.Load()
		if st&waiting != 0 || st >= s.size {
			return false
		}
		if s.state.CompareAndSwap(st, st+1) {
			return true
		}
	}
}

// Release gives a permit back. If goroutines are waiting, the permit goes
// straight to the one that has waited longest. Release never blocks.
//
// Release panics with [ErrReleased] if no permit is held. It cannot tell a
// stray Release from a real one while others hold permits: see the package's
// Guarantees.
func (s *Semaphore) Release() {
	for {
		st := s.state.Load()
		if st&waiting != 0 {
			s.releaseSlow()
			return
		}
		if st == 0 {
			panic(ErrReleased)
		}
		if s.state.CompareAndSwap(st, st-1) {
			return
		}
	}
}

// releaseSlow hands the permit to the oldest waiter. Waking it happens after
// unlocking: waking a goroutine is the slow part, and doing it under mu made
// contended callers queue on the mutex.
func (s *Semaphore) releaseSlow() {
	s.lock()
	w := s.queue.head
	if w == nil {
		// The queue emptied (its waiters' contexts ended) since we saw the
		// waiting bit; state is back to plain compare-and-swap.
		s.mu.Unlock()
		s.Release()
		return
	}
	// The waiting bit is set, so nobody else can change state now.
	if s.state.Load()&^waiting == 0 {
		// Only New(0) has waiters while no permit is held.
		s.mu.Unlock()
		panic(ErrReleased)
	}
	// The permit changes hands; the count of held permits stays.
	s.removeLocked(w)
	w.granted = true
	stop := s.unwatchLocked(w)
	if testHookGranted != nil {
		testHookGranted(s, w)
	}
	s.mu.Unlock()
	w.ready <- struct{}{} // buffered and empty: never blocks
	if stop != nil {
		stop()
	}
}

// removeLocked takes w out of the queue, clearing the waiting bit if it was
// the last waiter. s.mu must be held.
func (s *Semaphore) removeLocked(w *waiter) {
	s.queue.remove(w)
	if s.queue.head == nil {
		s.state.And(^uint64(waiting))
	}
}

// Do runs fn while holding a permit: Python's `async with sem:` block. It
// acquires (returning ctx.Err() without running fn if ctx ends first), calls
// fn(ctx) and releases the permit when fn returns or panics; a panic then
// continues up the stack. It returns what fn returns.
func (s *Semaphore) Do(ctx context.Context, fn func(context.Context) error) error {
	if err := s.Acquire(ctx); err != nil {
		return err
	}
	defer s.Release()
	return fn(ctx)
}

// Cap returns the number of permits the semaphore was created with.
func (s *Semaphore) Cap() int { return int(s.size) }

// Available returns the number of permits free right now. It is a snapshot:
// by the time the caller looks, it may have changed.
func (s *Semaphore) Available() int {
	return int(s.size - s.state.Load()&^waiting)
}

// Waiters returns the number of goroutines blocked in Acquire right now.
func (s *Semaphore) Waiters() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queue.n
}

// Locked reports whether an Acquire now would have to wait: no permit is free
// or somebody is already waiting (Python's locked()).
func (s *Semaphore) Locked() bool {
	st := s.state.Load()
	return st&waiting != 0 || st >= s.size
}

// lock is s.mu.Lock with a short spin first. Contended, sync.Mutex parks a
// goroutine almost at once when its P has other goroutines to run, and the
// park and wake-up cost far more than the few dozen nanoseconds anyone holds
// mu for; so it spins on TryLock a little first (see BenchmarkContended).
func (s *Semaphore) lock() {
	for range 30 {
		if s.mu.TryLock() {
			return
		}
	}
	s.mu.Lock()
}
