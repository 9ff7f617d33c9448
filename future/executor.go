package future

import (
	"context"
	"errors"
	"fmt"
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
//   - Tasks are taken from the queue in submission order (FIFO).
//   - The queue is unbounded unless QueueSize bounds it; then Submit blocks
//     while it is full, and TrySubmit reports it.
//   - Cancel on a queued task removes it from the queue: it never runs.
//     Cancel on a running task cancels its context (see Go). The end of the
//     ctx given to Submit does the same.
//   - A panic in a task is captured on its future as a *PanicError; the
//     worker survives it. A task that calls runtime.Goexit ends with
//     ErrGoexit, and a new worker takes over.
//   - Nothing submitted is lost: every task accepted runs, or is cancelled,
//     whatever races Shutdown. After Shutdown, Submit returns a future
//     already failed with ErrShutdown.
//
// Create one with NewExecutor and release it with Close (or Shutdown and
// Wait). Workers are goroutines that live until shutdown; an Executor that is
// never shut down keeps its idle workers. The zero Executor is not usable:
// using it panics with a message saying to call NewExecutor.
//
// Cost: a queued task is one allocation (its future, its function and its
// context together) and a queue slot; Submit, and a worker's taking the next
// task, take no lock in the common case. Map allocates nothing per call.
// The measured numbers are in the repository's benchmarks/README.md.
type Executor struct {
	// The queue protocol. The queue is a lock-free ring (ring.go, its head)
	// backed by a mutex-guarded list (overflow, its tail) for the tasks that
	// find the ring full, so that it stays unbounded. Each task (an execTask,
	// or a Map call) carries its own in-queue mark: inQueue in its flags, or
	// callQueued in its state.
	//
	// Who takes a task out of the queue. Every way out clears the task's
	// mark with one atomic operation, and the one that clears it owns the
	// task from then on; the others find it cleared and leave the task alone.
	//
	//	who                       how                          then
	//	a worker                  ring.pop, then take          runs it
	//	Shutdown's drain          pop, then take               abort: cancels it
	//	Cancel                    withdraw (interrupt)         the future is Cancelled
	//	the end of Submit's ctx   withdraw (parentEnded)       the future ends with ctx.Err()
	//	Submit or Map taking      withdraw (Executor.accept)   fails it with ErrShutdown
	//	  it back
	//	the end of a Map loop     withdraw (Map's deferred)    dropped, never runs
	//
	// take and withdraw are the only ways out; neither is a pop. withdraw
	// leaves the task's slot in the queue: the worker (or drain) that
	// pops it later finds the mark cleared, and skips it. stale counts those
	// slots: withdraw adds one, the take that skips the slot removes it.
	// Every way out also gives the task's room in a bounded queue back
	// (left).
	//
	// spill is set, with mu held, when a task goes onto the overflow list,
	// and cleared, with mu held, once a worker's refill (or drain) has moved
	// every overflowed task into the ring. While it is set, enqueue appends
	// to the overflow list too, so that tasks stay in submission order.
	//
	// closed is set once, with mu held, by Shutdown. The look-again rule
	// makes sure no task is stranded: Submit looks at closed before queuing
	// (admit) and again after (queue); a worker that finds the queue empty
	// looks at closed, and then at the queue once more (next). Either the
	// worker's second look finds the task, or Submit's second look finds
	// closed and takes the task back. This relies on ring.pop returning nil
	// only when the ring is empty: a push that has claimed a slot and not
	// filled it yet is waited for, not taken for the end of the queue.
	//
	// Sleeping: a worker with nothing to do puts itself on sleeping (under
	// sleepMu) and then looks at the queue once more before it blocks on its
	// own channel; enqueue pushes first and then wakes one sleeper it takes
	// off the list. Either the worker sees the task or enqueue sees the
	// worker. Wake-ups are addressed (a sleeper's own channel): an anonymous
	// one could be taken by a worker that already had a task.
	max  int32
	ring ring // the queue's head: workers take tasks from here

	spill   atomic.Bool  // overflow holds tasks: enqueue must append there too; changed with mu held
	closed  atomic.Bool  // shut down: workers exit once the queue is empty; set with mu held
	workers atomic.Int32 // started and not exited; changed with mu held
	tokens  atomic.Int32 // idle tokens, Python's _idle_semaphore (see adjustWorkers)
	stale   atomic.Int32 // slots of withdrawn tasks still in the queue

	room    chan struct{} // QueueSize: one token per task in the queue; nil if unbounded
	closing chan struct{} // closed by Shutdown: wakes Submits blocked on room

	// Cumulative counts, for Stats. Tasks accepted: by the submitters, on a
	// cache line of its own. Tasks ended: by each worker in its own counts
	// (a tally, published to workerCounts: one per worker ever started,
	// guarded by mu), so that a worker counts a task with no atomic
	// operation; by anyone else (a Cancel, a ctx's end, Shutdown's drain) in
	// shared.
	_            [64]byte
	submitted    atomic.Int64
	_            [56]byte
	shared       counts
	workerCounts []*counts
	// The ends of queued tasks' contexts, which count the tasks they
	// withdraw in shared from context.AfterFunc's goroutine: Wait waits for
	// those in progress (see withdrawals).
	ending withdrawals

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
// slots (6 to 96 KiB). A ring so large that nothing overflows was slower:
// its allocation and cache misses cost more than the overflow list saves
// (benchmarks/README.md has the measurements).
func ringSize(maxWorkers int) int {
	n := 256
	for n < 4096 && n < 256*maxWorkers {
		n *= 2
	}
	return n
}

// ExecutorOption configures NewExecutor.
type ExecutorOption func(*executorConfig)

type executorConfig struct{ queueSize int }

// QueueSize bounds the executor's queue: at most n tasks wait for a worker
// (running tasks do not count). While n wait, Submit blocks until one leaves
// the queue, its ctx ends or the executor shuts down, and TrySubmit returns
// false at once; Map's calls wait for room too. This is the backpressure of
// a bounded pool (pond's queue size). n must be at least 1: a QueueSize
// below 1 panics. Without this option the queue is unbounded.
//
// To handle results in completion order while a bounded queue throttles the
// submitter, submit from a goroutine of your own into an ascompleted.Feed
// (take its Hold first) and range over the feed meanwhile: ascompleted.Of
// needs every future up front, so it would start only after the last Submit.
func QueueSize(n int) ExecutorOption {
	if n < 1 {
		panic(fmt.Sprintf("future: QueueSize(%d): the bound must be at least 1; leave the option out for an unbounded queue", n))
	}
	return func(c *executorConfig) { c.queueSize = n }
}

// NewExecutor returns an executor with at most maxWorkers workers. A value
// <= 0 means min(32, GOMAXPROCS+4), Python's default for I/O-bound work.
func NewExecutor(maxWorkers int, opts ...ExecutorOption) *Executor {
	var cfg executorConfig
	for _, o := range opts {
		o(&cfg)
	}
	if maxWorkers <= 0 {
		maxWorkers = min(32, runtime.GOMAXPROCS(0)+4)
	}
	maxWorkers = min(maxWorkers, 1<<30)
	ex := &Executor{
		max:       int32(maxWorkers),
		closing:   make(chan struct{}),
		exited:    make(chan struct{}),
		workerIDs: make(map[uint64]struct{}),
	}
	if cfg.queueSize > 0 {
		ex.room = make(chan struct{}, cfg.queueSize)
	}
	ex.ring.init(ringSize(maxWorkers))
	return ex
}

// mustBeMade panics, with what to do, on an Executor that NewExecutor did
// not make.
func (ex *Executor) mustBeMade() {
	if ex.exited == nil {
		panic("future: the zero Executor is not usable; create one with future.NewExecutor")
	}
}

// errQueueFull is admit's answer to TrySubmit on a full bounded queue.
var errQueueFull = errors.New("future: queue full")

// admit gives a task about to be queued its room in a bounded queue. It
// returns ErrShutdown after Shutdown, ctx.Err() if ctx has ended (or ends
// while it waits for room), and, unless wait, errQueueFull if there is no
// room. Every admitted task must be queued: its room is given back when it
// leaves the queue (left), or when Executor.accept takes it back.
func (ex *Executor) admit(ctx context.Context, wait bool) error {
	if ex.closed.Load() {
		return ErrShutdown
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if ex.room == nil {
		return nil
	}
	select {
	case ex.room <- struct{}{}:
		return nil
	default:
	}
	if !wait {
		return errQueueFull
	}
	select {
	case ex.room <- struct{}{}:
		if ex.closed.Load() { // a Shutdown and room at once: refuse, as Submit would after
			ex.left()
			return ErrShutdown
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-ex.closing:
		return ErrShutdown
	}
}

// left gives back the room of a task that left a bounded queue.
func (ex *Executor) left() {
	if ex.room != nil {
		<-ex.room
	}
}

// counts are cumulative counts of ended tasks (and Map calls), as Stats
// reads them.
type counts struct{ completed, failed, cancelled atomic.Int64 }

// tally is a worker's own count of the tasks it ended, in plain integers: a
// worker counts a task with no atomic operation. It publishes its totals to
// pub, which Stats reads, every 64 tasks, before the worker sleeps, and when
// it exits; so while a worker is busy, Stats may lag it by up to 63 tasks,
// and once it is idle, or gone, Stats is exact.
type tally struct {
	completed, failed, cancelled int64
	pub                          *counts
}

// add counts a task that has just ended in state st with error err.
func (t *tally) add(st State, err error) {
	switch {
	case st == Cancelled:
		t.cancelled++
	case err != nil:
		t.failed++
	default:
		t.completed++
	}
	if (t.completed+t.failed+t.cancelled)&63 == 0 {
		t.publish()
	}
}

// publish makes the totals visible to Stats, if they changed.
func (t *tally) publish() {
	if t.pub.completed.Load() != t.completed {
		t.pub.completed.Store(t.completed)
	}
	if t.pub.failed.Load() != t.failed {
		t.pub.failed.Store(t.failed)
	}
	if t.pub.cancelled.Load() != t.cancelled {
		t.pub.cancelled.Store(t.cancelled)
	}
}

// add counts a task that has just ended in state st with error err.
func (c *counts) add(st State, err error) {
	switch {
	case st == Cancelled:
		c.cancelled.Add(1)
	case err != nil:
		c.failed.Add(1)
	default:
		c.completed.Add(1)
	}
}

// MaxWorkers returns the executor's bound on concurrently running tasks.
func (ex *Executor) MaxWorkers() int { return int(ex.max) }

// accept appends t, admitted and already marked as queued, to the queue
// (enqueue) and starts a worker for it if need be. It reports false if it took t back because a
// Shutdown began meanwhile: the caller fails t with ErrShutdown.
//
// This is Submit's second look at closed (see the look-again rule at
// Executor): the workers may have found the queue empty without t and
// exited, or none was started. If no worker and no drain has taken t yet,
// accept takes it back (withdraw), and its slot is skipped like a cancelled
// task's. Otherwise t was queued in time, and the shutdown runs or cancels
// it.
func (ex *Executor) accept(t queuedTask) bool {
	ex.enqueue(t)
	ex.adjustWorkers()
	// The caller counts t as submitted: Submit at once, Map in batches.
	return !ex.closed.Load() || !t.withdraw()
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

// next returns the next task, sleeping on s until there is one; nil once the
// executor is shut down and its queue is empty.
func (ex *Executor) next(s *sleeper, tl *tally) queuedTask {
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
			// closed was set: one more look finds it, one that waits for
			// any push under way. Later ones take their tasks back.
			if t := ex.ring.popWait(); t != nil {
				return t
			}
			if ex.spill.Load() {
				continue
			}
			return nil
		}
		tl.publish() // about to sleep: Stats is exact for an idle worker
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
	tl := &tally{pub: new(counts)}
	ex.mu.Lock()
	ex.workerIDs[id] = struct{}{}
	ex.workerCounts = append(ex.workerCounts, tl.pub)
	ex.mu.Unlock()
	exiting := false
	defer func() {
		tl.publish()
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
		t := ex.next(s, tl)
		if t == nil {
			exiting = true
			return
		}
		if !t.take() {
			continue // cancelled while queued
		}
		t.run(tl)
		if ex.workers.Load() < ex.max {
			ex.tokens.Add(1)
		}
	}
}
