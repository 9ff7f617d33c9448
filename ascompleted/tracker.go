package ascompleted

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/tulipgo/tulip/future"
)

// awaitable is what the tracker follows: a future of any result type (or the
// Awaitable interface itself), usable as a map key for de-duplication.
type awaitable interface {
	comparable
	future.Awaitable
}

// tracker follows a set of futures and queues each one as it completes. It
// is the single implementation behind Of, OfAny and Feed.
//
// Each future followed has an entry, and the entry is the future's Watcher:
// entries live in chunks that never move, so a pointer to one registers with
// Future.Watch without allocating a closure. The life of an entry:
//
//	pending  --FutureDone, or sweep-->  queued  --next-->  yielded (freed)
//
// add makes the entry (queued at once if the future is already done, with no
// registration), index maps the future to it (for de-duplication), ready
// holds the queued ones in completion order, and next yields one. A Feed
// then forgets the future (index) and puts the entry on the free list for a
// later add, so that a Feed that runs for days holds only what is pending;
// Of, whose set is fixed, keeps them until the end, which is cheaper. All of
// it is guarded by mu.
//
// The consumer drains ready and sleeps on signal (capacity 1) only when
// ready is empty, after next has set waiting; FutureDone pokes signal only
// if waiting is set (and clears it), both under mu, so that a busy consumer
// costs the completions no channel operation and a sleeping one is always
// woken. add, Close and a released hold poke regardless. A stale signal
// merely costs one extra look.
//
// Iteration is over when nothing is pending or queued and nothing more can
// be added: for Of, from the start; for a Feed, once it is closed or no
// producer holds it (see Feed.Hold). Once over, by that or by a break, a
// panic or the end of ctx, ended is set, every registration still in place
// is removed (Unwatch), and add refuses futures.
type tracker[F awaitable] struct {
	mu      sync.Mutex
	index   map[F]*entry[F] // followed (a Feed: pending or queued; Of: all)
	ready   []*entry[F]     // queued, in completion order
	head    int             // ready[:head] has been yielded
	chunks  [][]entry[F]    // every entry ever made, in chunks that never move
	free    []*entry[F]     // yielded entries, for reuse
	total   int             // futures added, duplicates apart
	pending int             // followed and not yet yielded
	forget  bool            // a Feed: forget what is yielded, reuse its entry
	open    bool            // more futures may be added (a Feed before Close)
	holds   int             // Feed.Hold registrations not yet released
	waiting bool            // the consumer found ready empty and may sleep on signal
	running bool            // a loop is ranging over the tracker
	ended   bool            // iteration is over: add refuses, registrations are removed
	signal  chan struct{}
}

// entry is the tracker's record of one future, and the future's Watcher.
type entry[F awaitable] struct {
	t     *tracker[F]
	f     F
	id    uint32 // the Watch registration, 0 if none (yet)
	gen   uint32 // incremented each time the entry is freed: add's second look tells a reused entry
	state uint8
	swept bool // queued by sweep: its registration may still fire, so it is never reused
}

const (
	entryFree    = iota // not in use
	entryPending        // followed, not done as far as the tracker knows
	entryQueued         // in ready
)

// FutureDone implements future.Watcher: it queues the entry's future, unless
// it is queued already (by sweep) or the entry no longer follows it.
func (e *entry[F]) FutureDone() {
	t := e.t
	t.mu.Lock()
	if e.state != entryPending {
		t.mu.Unlock()
		return
	}
	e.state = entryQueued
	t.ready = append(t.ready, e)
	wake := t.waiting
	t.waiting = false
	t.mu.Unlock()
	if wake {
		t.poke()
	}
}

// newTracker returns a tracker for Of (feed false: a fixed set, kept until
// the end) or for a Feed (open, and forgetting each future once yielded).
func newTracker[F awaitable](feed bool, sizeHint int) *tracker[F] {
	return &tracker[F]{
		index:  make(map[F]*entry[F], sizeHint),
		chunks: [][]entry[F]{make([]entry[F], 0, max(sizeHint, 16))},
		open:   feed,
		forget: feed,
		signal: make(chan struct{}, 1),
	}
}

// newEntryLocked returns a free entry: a reused one, or the next of the last
// chunk, which grows by a new chunk (twice as large, up to 4,096) when full.
func (t *tracker[F]) newEntryLocked() *entry[F] {
	if n := len(t.free); n > 0 {
		e := t.free[n-1]
		t.free[n-1] = nil
		t.free = t.free[:n-1]
		return e
	}
	last := &t.chunks[len(t.chunks)-1]
	if len(*last) == cap(*last) {
		t.chunks = append(t.chunks, make([]entry[F], 0, min(4096, 2*cap(*last))))
		last = &t.chunks[len(t.chunks)-1]
	}
	*last = append(*last, entry[F]{t: t})
	return &(*last)[len(*last)-1]
}

// checkFutures panics, with a message naming the culprit, if one of fs is
// nil or cannot be told apart from the others (a non-comparable Awaitable),
// before anything is locked or registered.
func checkFutures[F awaitable](where string, fs []F) {
	var zero F
	_, anyType := any(&zero).(*future.Awaitable)
	for i, f := range fs {
		if f == zero {
			panic(fmt.Sprintf("ascompleted: %s: future %d is nil", where, i))
		}
		if !anyType {
			continue
		}
		v := reflect.ValueOf(f)
		if !v.Type().Comparable() {
			panic(fmt.Sprintf("ascompleted: %s: future %d, a %T, is not comparable, so it cannot be told apart "+
				"from the others; pass a pointer (every *future.Future is one)", where, i, f))
		}
		if v.Kind() == reflect.Pointer && v.IsNil() {
			panic(fmt.Sprintf("ascompleted: %s: future %d is a nil %T", where, i, f))
		}
	}
}

// add starts following the futures not already followed. Those already done
// are queued at once, in argument order, ahead of any that completes later.
// It returns ErrClosed, adding nothing, if iteration is over or (with
// mustBeOpen) the tracker is closed.
func (t *tracker[F]) add(fs []F, mustBeOpen bool) error {
	var (
		pending []*entry[F]
		gens    []uint32
		futs    []F
	)
	t.mu.Lock()
	if t.ended {
		t.mu.Unlock()
		return fmt.Errorf("%w: its iteration is over", ErrClosed)
	}
	if mustBeOpen && !t.open {
		t.mu.Unlock()
		return ErrClosed
	}
	for _, f := range fs {
		if _, dup := t.index[f]; dup {
			continue
		}
		t.total++
		t.pending++
		e := t.newEntryLocked()
		e.f = f
		t.index[f] = e
		if f.IsDone() {
			e.state = entryQueued
			t.ready = append(t.ready, e)
		} else {
			e.state = entryPending
			pending = append(pending, e)
			gens = append(gens, e.gen)
			futs = append(futs, f)
		}
	}
	t.mu.Unlock()
	t.poke()
	if len(pending) == 0 {
		return nil
	}
	// Registered outside mu: a future that completes meanwhile calls
	// FutureDone at once, and FutureDone takes mu.
	// Once registered, an entry may complete, be yielded, freed and reused
	// for another future before the second lock: futs and gens, not the
	// entry, say what was registered.
	ids := make([]uint32, len(pending))
	for i, e := range pending {
		ids[i] = futs[i].Watch(e)
	}
	t.mu.Lock()
	if t.ended { // iteration ended while we registered
		t.mu.Unlock()
		for i := range pending {
			futs[i].Unwatch(ids[i])
		}
		return nil
	}
	for i, e := range pending {
		if e.gen == gens[i] && e.state == entryPending {
			e.id = ids[i]
		}
	}
	t.mu.Unlock()
	return nil
}

func (t *tracker[F]) poke() {
	select {
	case t.signal <- struct{}{}:
	default:
	}
}

// next returns the next completed future, if one is queued, and forgets it.
// Otherwise it reports whether iteration is over: nothing left to yield and
// nothing more can be added.
func (t *tracker[F]) next() (f F, ok, over bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.head < len(t.ready) {
		e := t.ready[t.head]
		t.ready[t.head] = nil
		t.head++
		if t.head == len(t.ready) { // reuse the queue's storage
			t.ready, t.head = t.ready[:0], 0
		}
		f = e.f
		t.pending--
		if t.forget {
			delete(t.index, f)
			// Field by field, never e.t: a late FutureDone (after sweep)
			// reads e.t without mu.
			var zero F
			e.f, e.id, e.gen = zero, 0, e.gen+1 // let the consumer's future be collected
			if !e.swept {
				e.state = entryFree
				t.free = append(t.free, e)
			} // else: never reused; its late FutureDone finds it not pending
		}
		return f, true, false
	}
	t.waiting = true
	over = t.pending == 0 && (!t.open || t.holds == 0)
	if over {
		t.ended = true // decided under mu: an Add from now on is refused, not dropped
	}
	return f, false, over
}

// sweep queues the futures that are done but whose FutureDone has not queued
// them yet (it runs just after the future's state is final, in the
// completing goroutine): at the end of ctx, so that every future done by
// then is yielded. Their order among themselves is unknown.
func (t *tracker[F]) sweep() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, e := range t.index {
		if e.state == entryPending && e.f.IsDone() {
			e.state, e.swept = entryQueued, true
			t.ready = append(t.ready, e)
		}
	}
}

// unfinished reports the futures not yet yielded, of the total.
func (t *tracker[F]) unfinished() (n, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pending, t.total
}

// end marks iteration over and removes every registration still in place.
func (t *tracker[F]) end() {
	t.mu.Lock()
	t.ended, t.open, t.running = true, false, false
	var watched []*entry[F]
	for _, e := range t.index {
		if e.state == entryPending && e.id != 0 {
			watched = append(watched, e)
		}
	}
	t.mu.Unlock()
	for _, e := range watched {
		e.f.Unwatch(e.id) // e stays as it is: nothing reuses it after the end
	}
}

// run yields the futures as they complete until all are yielded, ctx ends or
// the consumer stops. A tracker is ranged over once: a second range, at the
// same time or later, panics (where names the caller for the message).
func (t *tracker[F]) run(ctx context.Context, where string, yield func(F, error) bool) {
	t.mu.Lock()
	if t.running || t.ended {
		t.mu.Unlock()
		panic("ascompleted: " + where + " ranged over a second time; a Feed is iterated by one loop, once")
	}
	t.running = true
	t.mu.Unlock()
	defer t.end()
	for {
		f, ok, over := t.next()
		if ok {
			if !yield(f, nil) {
				return
			}
			continue
		}
		if over {
			return
		}
		if ctx.Err() != nil {
			// Everything done by now first: queued ones, and any whose
			// callback is still on its way.
			t.sweep()
			for f, ok, _ := t.next(); ok; f, ok, _ = t.next() {
				if !yield(f, nil) {
					return
				}
			}
			t.mu.Lock()
			t.ended = true // over: an Add while the body handles the error is refused
			n, total := t.pending, t.total
			complete := n == 0 && (!t.open || t.holds == 0)
			t.mu.Unlock()
			if complete { // everything was done by then, and has been yielded
				return
			}
			var zero F
			yield(zero, &UnfinishedError{Unfinished: n, Total: total, Err: ctx.Err()})
			return
		}
		select {
		case <-t.signal:
		case <-ctx.Done():
		}
	}
}
