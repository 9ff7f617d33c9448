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
// The life of a future in it: add puts it in members (not queued) and
// registers a completion callback; the callback, completed, marks it queued
// and appends it to ready; next takes it off ready and deletes it from
// members. A future that is already done when added is queued at once, and
// gets no callback. So members holds exactly the futures added and not yet
// yielded, and nothing is kept of a future once it is yielded: a Feed that
// runs for days holds only what is pending.
//
// Completion callbacks poke signal (capacity 1, so a completion never
// blocks on the consumer); the consumer drains ready and sleeps on signal
// only when ready is empty. A stale signal merely costs one extra look.
//
// Iteration is over when nothing is left in members and nothing more can be
// added: for Of, from the start; for a Feed, once it is closed or no
// producer holds it (see Feed.Hold). Once over, by that or by a break, a
// panic or the end of ctx, ended is set, every callback still registered is
// stopped, and add refuses futures.
type tracker[F awaitable] struct {
	mu      sync.Mutex
	members map[F]member // added, not yet yielded
	ready   []F          // completed, not yet yielded, in completion order
	head    int          // ready[:head] has been yielded
	total   int          // futures added, duplicates apart
	open    bool         // more futures may be added (a Feed before Close)
	holds   int          // Feed.Hold registrations not yet released
	running bool         // a loop is ranging over the tracker
	ended   bool         // iteration is over: add refuses, callbacks are stopped
	signal  chan struct{}
}

// member is the tracker's record of a future it follows.
type member struct {
	stop   func() bool // unregisters the completion callback; nil once queued
	queued bool        // in ready
}

func newTracker[F awaitable](open bool, sizeHint int) *tracker[F] {
	return &tracker[F]{
		members: make(map[F]member, sizeHint),
		open:    open,
		signal:  make(chan struct{}, 1),
	}
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
	var pending []F
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
		if _, dup := t.members[f]; dup {
			continue
		}
		t.total++
		if f.IsDone() {
			t.members[f] = member{queued: true}
			t.ready = append(t.ready, f)
		} else {
			t.members[f] = member{}
			pending = append(pending, f)
		}
	}
	t.mu.Unlock()
	t.poke()
	if len(pending) == 0 {
		return nil
	}
	// Registered outside mu: a future that completes meanwhile runs its
	// callback at once, and the callback takes mu.
	stops := make([]func() bool, len(pending))
	for i, f := range pending {
		stops[i] = f.AfterDone(func() { t.completed(f) })
	}
	t.mu.Lock()
	if t.ended { // iteration ended while we registered
		t.mu.Unlock()
		for _, stop := range stops {
			stop()
		}
		return nil
	}
	for i, f := range pending {
		if m, ok := t.members[f]; ok && !m.queued {
			m.stop = stops[i]
			t.members[f] = m
		}
	}
	t.mu.Unlock()
	return nil
}

// completed is a future's completion callback: it queues the future, unless
// it is already queued or yielded.
func (t *tracker[F]) completed(f F) {
	t.mu.Lock()
	m, ok := t.members[f]
	if !ok || m.queued {
		t.mu.Unlock()
		return
	}
	t.members[f] = member{queued: true}
	t.ready = append(t.ready, f)
	t.mu.Unlock()
	t.poke()
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
		f = t.ready[t.head]
		var zero F
		t.ready[t.head] = zero // let the consumer's future be collected
		t.head++
		if t.head == len(t.ready) { // reuse the queue's storage
			t.ready, t.head = t.ready[:0], 0
		}
		delete(t.members, f)
		return f, true, false
	}
	return f, false, len(t.members) == 0 && (!t.open || t.holds == 0)
}

// sweep queues the futures that are done but whose callback has not queued
// them yet (it runs just after the future's state is final, in the
// completing goroutine): at the end of ctx, so that every future done by
// then is yielded. Their order among themselves is unknown; it is the
// members' order.
func (t *tracker[F]) sweep() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for f, m := range t.members {
		if !m.queued && f.IsDone() {
			t.members[f] = member{queued: true}
			t.ready = append(t.ready, f)
		}
	}
}

// unfinished reports the futures not yet yielded, of the total.
func (t *tracker[F]) unfinished() (n, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.members), t.total
}

// end marks iteration over and unregisters every callback still registered.
func (t *tracker[F]) end() {
	t.mu.Lock()
	t.ended, t.open, t.running = true, false, false
	var stops []func() bool
	for _, m := range t.members {
		if m.stop != nil {
			stops = append(stops, m.stop)
		}
	}
	t.mu.Unlock()
	for _, stop := range stops {
		stop()
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
			n, total := t.unfinished()
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
