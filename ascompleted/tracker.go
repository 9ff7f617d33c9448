package ascompleted

import (
	"context"
	"iter"
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
// Completion callbacks append to ready and poke signal (capacity 1, so a
// completion never blocks on the consumer); the consumer drains ready and
// sleeps on signal only when ready is empty. A stale signal merely costs one
// extra look at an empty queue.
type tracker[F awaitable] struct {
	mu      sync.Mutex
	ready   []F // completed, not yet yielded, in completion order
	head    int // ready[:head] has been yielded
	seen    map[F]struct{}
	stops   []func() bool // unregister the callbacks of futures not yet done
	total   int           // distinct futures added
	yielded int
	open    bool // more futures may be added (Feed before Close)
	stopped bool // iteration is over: register nothing more
	signal  chan struct{}
}

func newTracker[F awaitable](open bool) *tracker[F] {
	return &tracker[F]{seen: make(map[F]struct{}), open: open, signal: make(chan struct{}, 1)}
}

// add starts following the futures not seen before. Those already done are
// queued at once, in argument order, ahead of any registered later. With
// mustBeOpen, it adds nothing and returns false if the tracker is closed.
func (t *tracker[F]) add(fs []F, mustBeOpen bool) bool {
	var pending []F
	t.mu.Lock()
	if mustBeOpen && !t.open {
		t.mu.Unlock()
		return false
	}
	if len(t.seen) == 0 && len(fs) > 8 {
		t.seen = make(map[F]struct{}, len(fs)) // no rehashing while it fills
	}
	for _, f := range fs {
		if _, dup := t.seen[f]; dup {
			continue
		}
		t.seen[f] = struct{}{}
		t.total++
		if f.IsDone() {
			t.ready = append(t.ready, f)
		} else {
			pending = append(pending, f)
		}
	}
	t.mu.Unlock()
	t.poke()
	// Registered outside mu: a future that completed in the meantime runs
	// the callback at once, and it takes mu.
	stops := make([]func() bool, len(pending))
	for i, f := range pending {
		stops[i] = f.AfterDone(func() { t.completed(f) })
	}
	t.mu.Lock()
	if t.stopped { // iteration ended while we registered
		t.mu.Unlock()
		for _, stop := range stops {
			stop()
		}
		return true
	}
	if t.stops == nil {
		t.stops = stops
	} else {
		t.stops = append(t.stops, stops...)
	}
	t.mu.Unlock()
	return true
}

func (t *tracker[F]) completed(f F) {
	t.mu.Lock()
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

// next returns the next completed future, if one is queued. Otherwise it
// reports whether iteration is over: everything yielded and nothing more can
// be added.
func (t *tracker[F]) next() (f F, ok, over bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.head < len(t.ready) {
		f = t.ready[t.head]
		var zero F
		t.ready[t.head] = zero // let the consumer's future be collected
		t.head++
		t.yielded++
		if t.head == len(t.ready) { // reuse the queue's storage
			t.ready, t.head = t.ready[:0], 0
		}
		return f, true, false
	}
	return f, false, !t.open && t.yielded == t.total
}

// unfinished reports the futures not yet yielded, of the total.
func (t *tracker[F]) unfinished() (n, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total - t.yielded, t.total
}

// stopAll unregisters every callback still registered.
func (t *tracker[F]) stopAll() {
	t.mu.Lock()
	stops := t.stops
	t.stops, t.stopped = nil, true
	t.mu.Unlock()
	for _, stop := range stops {
		stop()
	}
}

// run yields the futures as they complete until all are yielded, ctx ends or
// the consumer stops.
func (t *tracker[F]) run(ctx context.Context, yield func(F, error) bool) {
	defer t.stopAll()
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

// Of yields each distinct future of fs once, as it completes: those already
// done first, in argument order, then in completion order. If ctx ends before
// all are done, it yields every future completed by then, then one
// (nil, *UnfinishedError) and stops; the futures are not cancelled.
//
// Python: concurrent.futures.as_completed(fs, timeout) and asyncio's
// `async for f in as_completed(fs)`; a ctx deadline plays the timeout.
func Of[T any](ctx context.Context, fs ...*future.Future[T]) iter.Seq2[*future.Future[T], error] {
	return func(yield func(*future.Future[T], error) bool) {
		t := newTracker[*future.Future[T]](false)
		t.add(fs, false)
		t.run(ctx, yield)
	}
}

// OfAny is Of for futures of mixed result types. It yields the originals as
// future.Awaitable; a type switch or a comparison with the caller's own
// variables recovers the typed future.
func OfAny(ctx context.Context, fs ...future.Awaitable) iter.Seq2[future.Awaitable, error] {
	return func(yield func(future.Awaitable, error) bool) {
		t := newTracker[future.Awaitable](false)
		t.add(fs, false)
		t.run(ctx, yield)
	}
}
