package future

import (
	"runtime"
	"sync/atomic"
)

// ring is a bounded lock-free FIFO of queued tasks for any number of
// producers and consumers: Dmitry Vyukov's array queue, in which each slot
// carries a sequence number that says whose turn it is. A push or a pop is
// one compare-and-swap on a shared index when it does not collide, and it
// never blocks: it reports full or empty instead.
//
// One caveat of the algorithm, and how this ring deals with it: a push
// claims its slot (the compare-and-swap on tail) before it fills it (the
// store of seq). A pusher preempted in between leaves the slot at head
// unfilled while later slots may be filled by later pushes. In Vyukov's
// original a pop then reports empty; the executor once took that for the end
// of the queue at Shutdown, and lost the tasks behind the slot. So there are
// two pops. pop is Vyukov's: it may report empty at an unfilled slot, which
// is all a worker looking for work needs (the pusher wakes a sleeping worker
// once its push is done), and it never touches tail, which the pushers keep
// writing. popWait reports empty only when the ring is: tail == head; when
// tail is past the unfilled slot, it waits for that push to finish
// (spinning, then yielding the processor), two stores away. The paths that
// decide the queue is finished (a worker's last look after Shutdown,
// Shutdown's drain) use popWait.
type ring struct {
	// The indexes sit on cache lines of their own: pushers and poppers
	// are usually on different cores.
	_     [64]byte
	head  atomic.Uint64 // next position to pop
	_     [56]byte
	tail  atomic.Uint64 // next position to push
	_     [56]byte
	mask  uint64
	slots []ringSlot
}

type ringSlot struct {
	// seq == pos: free for the push at pos; seq == pos+1: filled for the
	// pop at pos. A pop at pos frees the slot for the push at pos+len.
	seq atomic.Uint64
	t   queuedTask
}

// init makes r an empty ring with room for size tasks, a power of two.
func (r *ring) init(size int) {
	r.mask, r.slots = uint64(size-1), make([]ringSlot, size)
	for i := range r.slots {
		r.slots[i].seq.Store(uint64(i))
	}
}

// push appends t and reports whether there was room.
func (r *ring) push(t queuedTask) bool {
	pos := r.tail.Load()
	for {
		s := &r.slots[pos&r.mask]
		seq := s.seq.Load()
		switch d := int64(seq - pos); {
		case d == 0:
			if r.tail.CompareAndSwap(pos, pos+1) {
				s.t = t
				s.seq.Store(pos + 1)
				return true
			}
			pos = r.tail.Load()
		case d < 0:
			return false // full: the slot still holds the task from a lap ago
		default:
			pos = r.tail.Load() // another push took pos
		}
	}
}

// pop removes and returns the oldest task, or nil if the ring is empty or
// its oldest slot is claimed by a push that has not filled it yet (see ring).
// It is the workers' hot path, kept as Vyukov wrote it.
func (r *ring) pop() queuedTask {
	pos := r.head.Load()
	for {
		s := &r.slots[pos&r.mask]
		seq := s.seq.Load()
		switch d := int64(seq - (pos + 1)); {
		case d == 0:
			if r.head.CompareAndSwap(pos, pos+1) {
				t := s.t
				s.t = nil
				s.seq.Store(pos + r.mask + 1)
				return t
			}
			pos = r.head.Load()
		case d < 0:
			return nil // empty, or the push at pos is not finished
		default:
			pos = r.head.Load() // another pop took pos
		}
	}
}

// popWait removes and returns the oldest task, or nil if the ring is empty.
// If the oldest slot is claimed by a push that has not filled it yet, it
// waits for that push (see ring).
func (r *ring) popWait() queuedTask {
	for spins := 0; ; spins++ {
		if t := r.pop(); t != nil {
			return t
		}
		if r.tail.Load() == r.head.Load() {
			return nil // empty: no push has claimed a slot it has not filled
		}
		if spins > 16 {
			runtime.Gosched() // the pusher may need this processor
		}
	}
}

// len returns about how many tasks the ring holds.
func (r *ring) len() int {
	h := r.head.Load()
	t := r.tail.Load()
	if t < h {
		return 0
	}
	return int(t - h)
}
