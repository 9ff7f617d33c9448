package semaphore

// A waiter is one goroutine blocked in Acquire. Waiters are recycled through
// the semaphore's pool, channel included, so a contended Acquire allocates
// nothing once the pool is warm.
//
// A waiter is on two lists at once: the semaphore's queue (link[inQueue]) and,
// if its context can end, the watch for that context (link[inWatch]).
type waiter struct {
	ready   chan struct{} // capacity 1; one signal per grant or expiry, sent after the semaphore is unlocked
	link    [2]link
	watch   *watch // the watch it is on, nil if none
	granted bool   // set with the semaphore's mu held, by the hand-off
}

type link struct{ prev, next *waiter }

const (
	inQueue = iota
	inWatch
)

// waiters is an intrusive doubly linked FIFO list over one of the waiters'
// links: O(1) push, pop and removal from anywhere (a cancelled waiter).
type waiters struct {
	head, tail *waiter
	n          int
	k          int // which of the waiters' links this list threads through
}

func (q *waiters) push(w *waiter) {
	w.link[q.k] = link{prev: q.tail}
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.link[q.k].next = w
	}
	q.tail = w
	q.n++
}

func (q *waiters) remove(w *waiter) {
	l := &w.link[q.k]
	if l.prev == nil {
		q.head = l.next
	} else {
		l.prev.link[q.k].next = l.next
	}
	if l.next == nil {
		q.tail = l.prev
	} else {
		l.next.link[q.k].prev = l.prev
	}
	*l = link{}
	q.n--
}
