package future

// queuedTask is what an executor's queue holds: an execTask of any type, or
// a call of a Map. Of a worker, Shutdown's drain, a Cancel (or the end of a
// Map's loop) and the submitter taking it back, the one that takes a task
// out of the queue, with take or withdraw, owns its way out.
type queuedTask interface {
	take() bool     // popped off the queue: still to run? (false if withdrawn before)
	withdraw() bool // still queued? Then take it out of the queue where it is: its slot is skipped when popped
	run(tl *tally)  // on a worker, which counts the outcome in its tally
	abort()         // taken off the queue by Shutdown's drain: cancel it
}

const queueBlock = 64

// taskQueue is a FIFO of queued tasks kept in a linked list of fixed-size
// blocks: push and pop are O(1) and never copy, and a queued task costs one
// 16-byte slot (a growing slice would copy itself over and over, several
// times the final size in all).
type taskQueue struct {
	head, tail *block
	first      int // index of the oldest task in head
	n          int // tasks in the queue
}

type block struct {
	items [queueBlock]queuedTask
	n     int // slots filled
	next  *block
}

func (q *taskQueue) push(t queuedTask) {
	if q.tail == nil || q.tail.n == queueBlock {
		b := &block{}
		if q.tail == nil {
			q.head = b
		} else {
			q.tail.next = b
		}
		q.tail = b
	}
	q.tail.items[q.tail.n] = t
	q.tail.n++
	q.n++
}

// peek returns the oldest task without removing it, or nil.
func (q *taskQueue) peek() queuedTask {
	if q.n == 0 {
		return nil
	}
	return q.head.items[q.first]
}

// len returns the number of tasks in the queue.
func (q *taskQueue) len() int { return q.n }

// pop returns the oldest task, or nil if the queue is empty.
func (q *taskQueue) pop() queuedTask {
	b := q.head
	if b == nil || q.first == b.n {
		return nil
	}
	t := b.items[q.first]
	b.items[q.first] = nil
	q.first++
	q.n--
	if q.first == queueBlock || (q.first == b.n && b == q.tail) {
		// Block used up (or queue empty): drop it, or rewind the last one.
		if b.next != nil {
			q.head, q.first = b.next, 0
		} else {
			b.n, q.first = 0, 0
		}
	}
	return t
}
