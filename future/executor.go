package future

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Executor runs submitted functions on a bounded set of worker goroutines:
// Python's concurrent.futures.ThreadPoolExecutor.
//
//   - At most MaxWorkers functions run at once. Workers start lazily, one per
//     Submit that finds no idle worker, and are reused.
//   - Tasks are taken from the queue in submission order (FIFO). Submit never
//     blocks: the queue is unbounded.
//   - Cancel on a queued task removes it from the queue: it never runs.
//     Cancel on a running task cancels its context (see Go).
//   - A panic in a task is captured on its future as a *PanicError; the
//     worker survives it.
//   - After Shutdown, Submit returns a future already failed with ErrShutdown.
//
// Create one with NewExecutor and release it with Close (or Shutdown and
// Wait). Workers are goroutines that live until shutdown; an Executor that is
// never shut down keeps its idle workers.
//
// Cost: a queued task is one allocation holding its future, its function and
// its context (144 bytes for a Future[int]) and a queue slot (24 bytes in
// the ring, 16 in the overflow list); the task is its own context (see
// taskContext), and running it allocates nothing more. Map's calls are not
// futures: they reuse the slots of Map's window, and allocate nothing.
// Submit, and a worker's taking the next task, take no lock while the ring
// has room: 256 tasks per worker, between 256 and 4,096 in all (24 bytes a
// slot, allocated by NewExecutor: 48 KiB for 8 workers).
//
// Design note: a mutex-guarded queue with a condition variable spent half of
// a tiny task's cost on that one mutex, fought over by the submitter and
// every worker; a buffered channel did no better (its lock is a mutex too).
// The queue is now a lock-free ring (see ring), backed by a mutex-guarded
// overflow list for the tasks that find it full, so that Submit stays
// unbounded. While the overflow list holds tasks, Submit appends there too,
// and a worker that finds the ring empty moves the oldest of them into it:
// tasks are taken in submission order. Idle workers sleep on a channel and
// are woken one per Submit, only when some sleep. Cancelling a queued task
// only marks it; the worker that reaches it skips it.
type Executor struct {
	max  int32
	ring ring // the queue's head: workers take tasks from here

	spill   atomic.Bool  // overflow holds tasks: Submit must append there too
	closed  atomic.Bool  // shut down: workers exit once the queue is empty; set with mu held
	workers atomic.Int32 // started and not exited; changed with mu held
	tokens  atomic.Int32 // idle tokens, Python's _idle_semaphore (see adjustWorkers)
	stale   atomic.Int32 // tasks cancelled while queued and still in the queue

	sleepMu   sync.Mutex
	sleeping  []*sleeper   // workers asleep or going to sleep, not yet woken (see sleep)
	nsleeping atomic.Int32 // len(sleeping), for a lock-free look

	mu        sync.Mutex
	overflow  taskQueue           // the queue's tail, when the ring is full
	exited    chan struct{}       // closed when closed is set and the last worker exited
	workerIDs map[uint64]struct{} // goroutine ids of the workers, for checkNotWorker
}

// ringSize returns the capacity of the ring for maxWorkers workers: room
// for about 256 waiting tasks per worker, so that a burst of submissions
// keeps every worker busy without overflowing often, within 256 to 4,096
// slots (6 to 96 KiB). Measured with 10,000 tiny tasks on 8 workers: 512
// slots cost about 350 ns per task, 2,048 about 270 and 4,096 no less; a
// ring so large that nothing overflows (16,384) was slower again, its
// allocation and cache misses costing more than the overflow list saves.
func ringSize(maxWorkers int) int {
	n := 256
	for n < 4096 && n < 256*maxWorkers {
		n *= 2
	}
	return n
}

// NewExecutor returns an executor with at most maxWorkers workers. A value
// <= 0 means min(32, GOMAXPROCS+4), Python's default for I/O-bound work.
func NewExecutor(maxWorkers int) *Executor {
	if maxWorkers <= 0 {
		maxWorkers = min(32, runtime.GOMAXPROCS(0)+4)
	}
	maxWorkers = min(maxWorkers, 1<<30)
	ex := &Executor{
		max:       int32(maxWorkers),
		exited:    make(chan struct{}),
		workerIDs: make(map[uint64]struct{}),
	}
	ex.ring.init(ringSize(maxWorkers))
	return ex
}

// MaxWorkers returns the executor's bound on concurrently running tasks.
func (ex *Executor) MaxWorkers() int { return int(ex.max) }

// Submit queues fn to run on one of the executor's workers and returns its
// future (Python's executor.submit). fn receives a context that Cancel
// cancels. The outcome rules are those of Go. After Shutdown, Submit runs
// nothing and returns a future already failed with ErrShutdown. Submit never
// blocks.
func Submit[T any](ex *Executor, fn func(context.Context) (T, error)) *Future[T] {
	t := &execTask[T]{fn: fn, ex: ex}
	t.Future.interrupt = t
	t.ctx.parent = context.Background()
	if ex.closed.Load() {
		t.flags.Store(isTask)
		_ = t.resolve(Finished, *new(T), ErrShutdown)
		return &t.Future
	}
	t.flags.Store(isTask | inQueue)
	if !ex.queue(t) {
		_ = t.resolve(Finished, *new(T), ErrShutdown)
	}
	return &t.Future
}

// execTask is a task queued on an executor. It embeds its future, its
// function and its context (a taskContext: Submit's parent, Background, can
// never end), so that a queued task is a single allocation besides the
// queue slot.
type execTask[T any] struct {
	Future[T]
	fn  func(context.Context) (T, error)
	ex  *Executor
	ctx taskContext
}

// queue appends t, already marked as queued, and starts a worker for it if
// need be. It reports false if t was taken back because a Shutdown began
// meanwhile: the caller fails t with ErrShutdown.
//
// The workers may have found the queue empty without t and exited (or none
// was started), so a Shutdown that began since the caller's first look at
// closed may have missed t. Whoever takes t out of the queue owns it (see
// queuedTask): if no worker and no drain by Shutdown has taken it yet, queue
// takes it back, and its slot is skipped like a cancelled task's. Otherwise
// it was queued in time, and the shutdown runs or cancels it. Both looks are
// plain loads: queuing makes no shared writes but the queue's.
func (ex *Executor) queue(t queuedTask) bool {
	ex.enqueue(t)
	ex.adjustWorkers()
	return !ex.closed.Load() || !t.dequeue()
}

// enqueue appends t to the queue and wakes a sleeping worker, if any.
func (ex *Executor) enqueue(t queuedTask) {
	if ex.spill.Load() || !ex.ring.push(t) {
		ex.mu.Lock()
		ex.overflow.push(t)
		ex.spill.Store(true)
		ex.mu.Unlock()
	}
	ex.wakeOne()
}

// refill moves the oldest overflowed tasks into the ring, as many as fit.
// Workers call it when they find the ring empty while spill is set.
func (ex *Executor) refill() {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	for t := ex.overflow.peek(); t != nil; t = ex.overflow.peek() {
		if !ex.ring.push(t) {
			return
		}
		ex.overflow.pop()
	}
	ex.spill.Store(false)
}

// adjustWorkers starts a worker for a task just queued unless one is idle,
// as Python's _adjust_thread_count does: an idle token, left by a worker
// each time it finishes a task, stands for a worker that will take this
// one. Tokens overstate idleness (a worker that finds more work at once does
// not spend its token), so a burst after a lull may start fewer workers than
// it could; they start as further tasks are submitted. Python has the same
// trade-off.
func (ex *Executor) adjustWorkers() {
	if ex.workers.Load() >= ex.max {
		return // all started: they stay until shutdown
	}
	for n := ex.tokens.Load(); n > 0; n = ex.tokens.Load() {
		if ex.tokens.CompareAndSwap(n, n-1) {
			return
		}
	}
	ex.mu.Lock()
	if ex.workers.Load() < ex.max && !ex.closed.Load() {
		ex.workers.Add(1)
		go ex.worker()
	}
	ex.mu.Unlock()
}

// interrupt is what Cancel calls. On a queued task (Cancel has just made it
// Cancelled) it dequeues the task: the task leaves the queue's count at
// once, and its slot is skipped when a worker reaches it. On a running task
// it ends the function's context.
func (t *execTask[T]) interrupt() {
	if !t.dequeue() {
		t.ctx.interrupt()
	}
}

// dequeue implements queuedTask.
func (t *execTask[T]) dequeue() bool {
	if !t.leaveQueue() {
		return false
	}
	t.ex.stale.Add(1)
	return true
}

// leaveQueue clears inQueue and reports whether it was set: of a worker, a
// Cancel, Shutdown's drain and Submit taking its task back, the one that
// clears it owns the task's way out of the queue.
func (t *execTask[T]) leaveQueue() bool { return t.flags.And(^uint32(inQueue))&inQueue != 0 }

// abort implements queuedTask: Shutdown's drain took the task, and cancels
// it.
func (t *execTask[T]) abort() { t.Cancel() }

// take marks a task taken off the queue as no longer queued and reports
// whether it is still to be run (false: it was cancelled while queued).
func (t *execTask[T]) take() bool {
	if t.leaveQueue() {
		return true
	}
	t.ex.stale.Add(-1)
	return false
}

// run executes the task on the calling worker. The task is its own context,
// and its own interrupter already: starting it is one compare-and-swap.
func (t *execTask[T]) run() {
	fn := t.fn
	t.fn = nil              // not needed once started: let it be collected
	defer t.ctx.interrupt() // the function's context ends when it returns
	if t.setRunning() {
		t.execute(&t.ctx, fn)
	}
}

// next returns the next task, sleeping on s until there is one; nil once the
// executor is shut down and its queue is empty.
func (ex *Executor) next(s *sleeper) queuedTask {
	for {
		if t := ex.ring.pop(); t != nil {
			return t
		}
		if ex.spill.Load() {
			ex.refill()
			continue
		}
		if ex.closed.Load() {
			// A Submit that saw the executor open queued its task before
			// closed was set: one more look finds it. Later ones take
			// their tasks back.
			if t := ex.ring.pop(); t != nil {
				return t
			}
			if ex.spill.Load() {
				continue
			}
			return nil
		}
		if t := ex.sleep(s); t != nil {
			return t
		}
	}
}

// A sleeper is a worker asleep in sleep, waiting for its own wake-up.
type sleeper struct{ wake chan struct{} }

// sleep waits for a wake-up, unless a task, an overflow or the shutdown
// shows up while the worker announces itself; it returns that task, if any.
//
// The protocol: a worker puts itself on the sleepers list, then looks once
// more; a Submit queues its task, then takes one sleeper off the list and
// wakes it. Either the worker sees the task or the Submit sees the worker.
// A worker that finds work after announcing itself takes itself off the
// list, unless a Submit already did and its wake-up is on the way.
// Wake-ups are addressed: an anonymous one could be taken by the wrong
// worker, leaving one that holds a task asleep.
func (ex *Executor) sleep(s *sleeper) queuedTask {
	ex.sleepMu.Lock()
	ex.sleeping = append(ex.sleeping, s)
	ex.nsleeping.Add(1)
	ex.sleepMu.Unlock()
	t := ex.ring.pop()
	if t == nil && !ex.spill.Load() && !ex.closed.Load() {
		<-s.wake
		return nil
	}
	ex.sleepMu.Lock()
	if i := slices.Index(ex.sleeping, s); i >= 0 {
		ex.sleeping = slices.Delete(ex.sleeping, i, i+1)
		ex.nsleeping.Add(-1)
		ex.sleepMu.Unlock()
	} else {
		ex.sleepMu.Unlock()
		<-s.wake
	}
	return t
}

// wakeOne wakes a sleeping worker, if there is one: the one that fell
// asleep last, whose cache is the warmest.
func (ex *Executor) wakeOne() {
	if ex.nsleeping.Load() == 0 {
		return
	}
	ex.sleepMu.Lock()
	n := len(ex.sleeping)
	if n == 0 {
		ex.sleepMu.Unlock()
		return
	}
	s := ex.sleeping[n-1]
	ex.sleeping[n-1] = nil
	ex.sleeping = ex.sleeping[:n-1]
	ex.nsleeping.Add(-1)
	ex.sleepMu.Unlock()
	s.wake <- struct{}{} // never blocks: one wake-up per sleep
}

// wakeAll wakes every sleeping worker.
func (ex *Executor) wakeAll() {
	ex.sleepMu.Lock()
	all := ex.sleeping
	ex.sleeping = nil
	ex.nsleeping.Store(0)
	ex.sleepMu.Unlock()
	for _, s := range all {
		s.wake <- struct{}{}
	}
}

// worker runs queued tasks until shutdown empties the queue.
func (ex *Executor) worker() {
	id := goid()
	ex.mu.Lock()
	ex.workerIDs[id] = struct{}{}
	ex.mu.Unlock()
	exiting := false
	defer func() {
		ex.mu.Lock()
		delete(ex.workerIDs, id)
		if exiting {
			if ex.workers.Add(-1) == 0 && ex.closed.Load() {
				close(ex.exited)
			}
		} else {
			// A task called runtime.Goexit and took this goroutine with
			// it: a replacement takes over (and exits at once if the
			// executor is shut down and drained).
			go ex.worker()
		}
		ex.mu.Unlock()
	}()
	s := &sleeper{wake: make(chan struct{}, 1)}
	for {
		t := ex.next(s)
		if t == nil {
			exiting = true
			return
		}
		if !t.take() {
			continue // cancelled while queued
		}
		t.run()
		if ex.workers.Load() < ex.max {
			ex.tokens.Add(1)
		}
	}
}
