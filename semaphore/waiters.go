package semaphore

// A waiter is one goroutine blocked in Acquire. Waiters are recycled through
// the semaphore's pool, channel included, so a contended Acquire allocates
// nothing once the pool is warm.
type waiter struct {
	ready      chan struct{} // capacity 1; one signal per grant, sent after the semaphore is unlocked
	prev, next *waiter
	ticket     uint64 // arrival order
	granted    bool   // set with the semaphore's mu held, by the hand-off
}

// waiters is an intrusive doubly linked FIFO list: O(1) push, pop and removal
// of a cancelled waiter from anywhere in the queue.
type waiters struct {
	head, tail *waiter
	n          int
}

func (q *waiters) push(w *waiter) {
	w.prev, w.next = q.tail, nil
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.next = w
	}
	q.tail = w
	q.n++
}

func (q *waiters) remove(w *waiter) {
	if w.prev == nil {
		q.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		q.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.prev, w.next = nil, nil
	q.n--
}
