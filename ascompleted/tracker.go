package ascompleted

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

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
//	add --> pending --FutureDone pushes it--> on completed --the loop takes it--> in batch --> yielded
//	 \--(done already)--> on completed, or in batch (first add)    (or, at the end of ctx, sweep takes it)
//
// add makes the entry, and if the future is already done, queues it with no
// registration, in argument order, ahead of any that completes later: the
// tracker's first add (Of, OfAny, NewFeed) puts those straight into batch,
// as there is no loop yet, and registers the others as it goes; a Feed.Add
// pushes them on completed, all in one push, before it registers the
// others. A Feed's index records the future, for de-duplication; Of, whose
// set is fixed, has none: its add looks for duplicates once, in its
// arguments (see duplicates). Once yielded, a Feed forgets the future
// (index) and frees the entry (f zero, gen+1, on the free list) for a later
// add, so that a Feed that runs for days holds only what is pending; Of
// keeps them until the end, which is cheaper, and its loop yields without a
// lock.
//
// Each registration calls FutureDone once, and FutureDone pushes its entry
// on completed, unconditionally: an entry is queued once per use, by add or
// by FutureDone, except one taken by sweep. sweep runs at the end of ctx,
// in the loop, to yield the futures that are done but whose FutureDone has
// not pushed them yet (it runs just after the future's state is final, in
// the completing goroutine); their late FutureDone pushes them still. So the
// loop marks each entry it takes (taken), sweep takes only entries not taken
// yet, into a list of its own (swept), never through next, which a late push
// rewrites, and the loop drops an entry it finds on completed already taken.
// A swept entry is never reused, as its late FutureDone may come at any
// time; every other yielded entry has had its FutureDone (or never had a
// registration), so a Feed may reuse it.
//
// completed is a lock-free stack, newest first: pushed by compare-and-swap,
// taken whole by the loop alone (a swap to nil), never popped one by one, so
// it has no ABA problem. The loop sleeps on signal (capacity 1) only after it
// has set waiting and then found completed empty; FutureDone pushes first and
// pokes signal only if it then finds waiting set (and clears it). Both are
// sequentially consistent atomics, so one of the two sees the other: a busy
// loop costs the completions no channel operation, and a sleeping one is
// always woken. add wakes the loop the same way after pushing; Close and a
// released hold poke regardless. A stale signal merely costs one extra look.
//
// Iteration is over when nothing is pending or queued (yielded == total) and
// nothing more can be added: for Of, from the start; for a Feed, once it is
// closed or no producer holds it (see Feed.Hold). Once over, by that or by a
// break, a panic or the end of ctx, ended is set, every registration still
// in place is removed (Unwatch), and add refuses futures.
//
// Locking: mu guards the fields below it and an entry's f, id and gen.
// FutureDone takes no lock, so a Watch may call it at once under mu; even
// so, a Feed.Add registers outside mu, so that a producer slow in Watch
// (preempted, or one of OfAny's Awaitables, which may be anyone's) never
// holds up the loop: only the tracker's first add, which nothing else can
// reach yet, registers under mu. Unwatch is called outside mu.
type tracker[F awaitable] struct {
	completed atomic.Pointer[entry[F]] // pushed and not yet taken by the loop, newest first
	waiting   atomic.Bool              // the loop found completed empty and may sleep on signal
	signal    chan struct{}

	// Owned by the loop (the goroutine in run), which alone touches them
	// (and the first add, before there is a loop).
	batch *entry[F]   // taken from completed, oldest first: the next ones to yield
	swept []*entry[F] // taken by sweep, yielded after batch

	mu     sync.Mutex
	index  map[F]struct{} // a Feed: the futures followed (pending or queued); Of: nil
	chunks [][]entry[F]   // every entry ever made, in chunks that never move
	free   []*entry[F]    // yielded entries, for reuse
	total  int            // futures added, duplicates apart
	// yielded counts the futures yielded; total-yielded are pending or
	// queued. Written by the loop only: with mu held in a Feed (whose
	// Pending reads it); without in Of, where nothing but the loop reads it.
	yielded int
	forget  bool // a Feed: forget what is yielded, reuse its entry
	open    bool // more futures may be added (a Feed before Close)
	holds   int  // Feed.Hold registrations not yet released
	running bool // a loop is ranging over the tracker
	ended   bool // iteration is over: add refuses, registrations are removed
}

// entry is the tracker's record of one future, and the future's Watcher.
type entry[F awaitable] struct {
	t       *tracker[F]
	next    *entry[F] // the link on completed (written by the pusher), then in batch
	f       F         // mu; the zero F while free. Read by the loop once the entry is pushed
	id      uint32    // mu: the Watch registration, 0 if none (yet)
	gen     uint32    // mu: incremented each time the entry is freed, so that add's second look tells a reused entry
	taken   bool      // the loop's: taken from completed, or by sweep, in this use (or by the first add, into batch)
	inSweep bool      // the loop's: taken by sweep; its FutureDone may come late, so it is never reused
}

// FutureDone implements future.Watcher: it pushes the entry on completed.
func (e *entry[F]) FutureDone() {
	t := e.t
	t.push(e, e)
	t.wake()
}

// push puts a chain of entries on completed: newest, linked by next to
// older ones down to oldest, whose next it sets.
func (t *tracker[F]) push(newest, oldest *entry[F]) {
	for {
		head := t.completed.Load()
		oldest.next = head
		if t.completed.CompareAndSwap(head, newest) {
			return
		}
	}
}

// newTracker returns a tracker for Of (feed false: a fixed set, kept until
// the end) or for a Feed (open, and forgetting each future once yielded).
func newTracker[F awaitable](feed bool, sizeHint int) *tracker[F] {
	t := &tracker[F]{
		chunks: [][]entry[F]{make([]entry[F], 0, max(sizeHint, 16))},
		open:   feed,
		forget: feed,
		signal: make(chan struct{}, 1),
	}
	if feed {
		t.index = make(map[F]struct{}, sizeHint)
	}
	return t
}

// newEntryLocked returns an entry to use: a reused one, or the next of the
// last chunk, which grows by a new chunk (twice as large, up to 4,096) when
// full.
func (t *tracker[F]) newEntryLocked() *entry[F] {
	if len(t.free) == 0 { // the common case first: a zero entry, next in the last chunk
		if c := &t.chunks[len(t.chunks)-1]; len(*c) < cap(*c) {
			*c = (*c)[:len(*c)+1] // past len, a chunk is still as made: zero
			e := &(*c)[len(*c)-1]
			e.t = t
			return e
		}
	}
	return t.newEntrySlowLocked()
}

// newEntrySlowLocked is newEntryLocked's other cases: a reused entry, or a
// new chunk.
func (t *tracker[F]) newEntrySlowLocked() *entry[F] {
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
//
// later is for Feed.Add: it requires the tracker open (else ErrClosed) and
// may run at any time, beside the loop and other adds. Without it, fs are
// the futures the tracker starts with (Of, OfAny, NewFeed), added before
// anything else can reach the tracker. It returns ErrClosed, adding nothing,
// if iteration is over.
func (t *tracker[F]) add(fs []F, later bool) error {
	var toWatch []watch[F]
	t.mu.Lock()
	if t.ended {
		t.mu.Unlock()
		return fmt.Errorf("%w: its iteration is over", ErrClosed)
	}
	if later && !t.open {
		t.mu.Unlock()
		return ErrClosed
	}
	var done, firstDone *entry[F] // those done already, the last one first
	var dup []bool
	if t.index == nil { // Of: its only add
		dup = duplicates(fs)
	}
	for i, f := range fs {
		if t.index != nil {
			n := len(t.index)
			if t.index[f] = struct{}{}; len(t.index) == n { // already followed
				continue
			}
		} else if dup != nil && dup[i] {
			continue
		}
		t.total++
		e := t.newEntryLocked()
		e.f = f
		if f.IsDone() {
			if done == nil {
				firstDone = e
			}
			e.next, done = done, e
			continue
		}
		if !later {
			// The tracker's first futures: nothing else can take mu,
			// so each is registered at once, under it, and its id
			// stored as it comes. Those done by now are not on
			// completed but go first all the same (batch, below).
			e.id = f.Watch(e)
			continue
		}
		if toWatch == nil {
			toWatch = make([]watch[F], 0, len(fs)-i)
		}
		toWatch = append(toWatch, watch[F]{e: e, f: f, gen: e.gen})
	}
	if !later {
		t.batch = takeChain(done) // no loop yet: the first to yield
		t.mu.Unlock()
		return nil
	}
	if done != nil {
		t.push(done, firstDone)
	}
	t.mu.Unlock()
	t.wake()
	if len(toWatch) == 0 {
		return nil
	}
	// Registered outside mu (see the tracker). Once registered, an entry
	// may complete, be yielded, freed and reused for another future
	// before the second lock: toWatch, not the entry, says what was
	// registered, and the generation tells a reused entry.
	for i := range toWatch {
		w := &toWatch[i]
		w.id = w.f.Watch(w.e)
	}
	t.mu.Lock()
	if t.ended { // iteration ended while we registered
		t.mu.Unlock()
		for _, w := range toWatch {
			w.f.Unwatch(w.id)
		}
		return nil
	}
	for _, w := range toWatch {
		if w.e.gen == w.gen { // still ours (pending, or queued and not yet freed)
			w.e.id = w.id
		}
	}
	t.mu.Unlock()
	return nil
}

// watch is one registration that add makes outside mu: on which future,
// for which entry, at which generation of it, and its id once made.
type watch[F awaitable] struct {
	e   *entry[F]
	f   F
	gen uint32
	id  uint32
}

func (t *tracker[F]) poke() {
	select {
	case t.signal <- struct{}{}:
	default:
	}
}

// wake pokes signal if the loop may be sleeping on it, having found
// completed empty: call it after pushing (see the tracker).
func (t *tracker[F]) wake() {
	if t.waiting.Load() && t.waiting.Swap(false) {
		t.poke()
	}
}

// take moves completed to batch, which is empty, and reports whether there
// was anything to take. The loop's only.
func (t *tracker[F]) take() bool {
	if t.completed.Load() == nil {
		return false
	}
	t.batch = takeChain(t.completed.Swap(nil))
	return true
}

// takeChain marks taken each entry of a chain, newest first, and returns
// them oldest first, dropping those taken already (by sweep).
func takeChain[F awaitable](newest *entry[F]) (oldest *entry[F]) {
	for e := newest; e != nil; {
		newer := e.next
		if !e.taken {
			e.taken = true
			e.next = oldest
			oldest = e
		}
		e = newer
	}
	return oldest
}

// next returns the next future to yield, from batch, completed, or what sweep
// took, if any, and (a Feed) forgets it. The loop's only.
func (t *tracker[F]) next() (f F, ok bool) {
	var e *entry[F]
	switch {
	case t.batch != nil || t.take() && t.batch != nil:
		e = t.batch
		t.batch = e.next
	case len(t.swept) > 0:
		e = t.swept[0]
		t.swept = t.swept[1:]
	default:
		return f, false
	}
	if !t.forget { // Of: nothing to forget, and nobody else reads yielded
		t.yielded++
		return e.f, true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	f = e.f
	t.yielded++
	delete(t.index, f)
	// Field by field, never e.t: a late FutureDone (after sweep) reads e.t
	// without mu.
	var zero F
	e.f, e.id, e.gen = zero, 0, e.gen+1 // let the consumer's future be collected
	if !e.inSweep {
		e.taken = false
		t.free = append(t.free, e)
	} // else: never reused, and its late FutureDone is dropped, as taken
	return f, true
}

// over reports whether iteration is over: nothing left to yield and nothing
// more can be added. The loop's only, once it has found nothing to yield.
func (t *tracker[F]) over() bool {
	if !t.forget { // Of: its set was fixed before the loop started
		return t.yielded == t.total
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	over := t.yielded == t.total && (!t.open || t.holds == 0)
	if over {
		t.ended = true // decided under mu: an Add from now on is refused, not dropped
	}
	return over
}

// sweep takes the futures that are done but not yet pushed by their
// FutureDone (see the tracker), at the end of ctx, so that every future done
// by then is yielded. Their order among themselves is unknown. The loop's
// only.
func (t *tracker[F]) sweep() {
	t.take() // first, so that what was pushed already is not swept
	t.mu.Lock()
	defer t.mu.Unlock()
	var zero F
	for _, c := range t.chunks {
		for i := range c {
			if e := &c[i]; !e.taken && e.f != zero && e.f.IsDone() {
				e.taken, e.inSweep = true, true
				t.swept = append(t.swept, e)
			}
		}
	}
}

// unfinished reports the futures not yet yielded, of the total.
func (t *tracker[F]) unfinished() (n, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total - t.yielded, t.total
}

// end marks iteration over and removes every registration still in place.
func (t *tracker[F]) end() {
	t.mu.Lock()
	t.ended, t.open, t.running = true, false, false
	if t.yielded == t.total { // all done: none is left in place
		t.mu.Unlock()
		return
	}
	var watched []watch[F]
	for _, c := range t.chunks { // the loop's, so it may read taken
		for i := range c {
			if e := &c[i]; !e.taken && e.id != 0 {
				watched = append(watched, watch[F]{f: e.f, id: e.id})
			}
		}
	}
	t.mu.Unlock()
	for _, w := range watched {
		w.f.Unwatch(w.id)
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
		if e := t.batch; e != nil && !t.forget { // next's common case, for Of, inline
			t.batch = e.next
			t.yielded++
			if !yield(e.f, nil) {
				return
			}
			continue
		}
		if f, ok := t.next(); ok {
			if !yield(f, nil) {
				return
			}
			continue
		}
		t.waiting.Store(true) // before the last look at completed: see the tracker
		if t.completed.Load() != nil {
			t.waiting.Store(false)
			continue
		}
		if t.over() {
			return
		}
		if ctx.Err() != nil {
			// Everything done by now first: queued ones, and any whose
			// callback is still on its way.
			t.sweep()
			for f, ok := t.next(); ok; f, ok = t.next() {
				if !yield(f, nil) {
					return
				}
			}
			t.mu.Lock()
			t.ended = true // over: an Add while the body handles the error is refused
			n, total := t.total-t.yielded, t.total
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
