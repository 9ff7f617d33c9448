package future

import (
	"context"
	"runtime"
	"sync"
)

// Executor runs submitted functions on a bounded set of worker goroutines:
// Python's concurrent.futures.ThreadPoolExecutor.
//
//   - At most MaxWorkers functions run at once. Workers start lazily, one per
//     Submit that finds no idle worker, and are reused.
//   - Tasks start in submission order (FIFO).
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
// its context (176 bytes for a Future[int]) and a 16-byte queue slot. When
// the parent context can never end, as with Submit, the task is its own
// context (see taskContext) and running it allocates nothing more.
type Executor struct {
	mu       sync.Mutex
	work     sync.Cond // signalled when a task is queued or shutdown begins
	max      int
	workers  int // started and not exited
	idle     int // waiting for work and not yet signalled
	running  int // executing a task
	queue    taskQueue
	queued   int // tasks in queue not cancelled
	shutdown bool
	exited   chan struct{} // closed when shutdown began and the last worker exited
}

// NewExecutor returns an executor with at most maxWorkers workers. A value
// <= 0 means min(32, GOMAXPROCS+4), Python's default for I/O-bound work.
func NewExecutor(maxWorkers int) *Executor {
	if maxWorkers <= 0 {
		maxWorkers = min(32, runtime.GOMAXPROCS(0)+4)
	}
	ex := &Executor{max: maxWorkers, exited: make(chan struct{})}
	ex.work.L = &ex.mu
	return ex
}

// MaxWorkers returns the executor's bound on concurrently running tasks.
func (ex *Executor) MaxWorkers() int { return ex.max }

// Submit queues fn to run on one of the executor's workers and returns its
// future (Python's executor.submit). fn receives a context that Cancel
// cancels. The outcome rules are those of Go. After Shutdown, Submit runs
// nothing and returns a future already failed with ErrShutdown.
func Submit[T any](ex *Executor, fn func(context.Context) (T, error)) *Future[T] {
	return submit(ex, context.Background(), fn)
}

// execTask is a task queued on an executor. It embeds its future, so that a
// queued task is a single allocation besides the queue slot.
type execTask[T any] struct {
	Future[T]
	fn  func(context.Context) (T, error)
	ex  *Executor
	ctx taskContext // the function's context, or its parent's holder (see taskContext.start)
}

// submit is Submit with the parent of the task's context.
func submit[T any](ex *Executor, parent context.Context, fn func(context.Context) (T, error)) *Future[T] {
	t := &execTask[T]{fn: fn, ex: ex}
	t.task = true
	t.Future.interrupt = t // until it starts; then its context's cancel
	t.ctx.parent = parent

	ex.mu.Lock()
	if ex.shutdown {
		ex.mu.Unlock()
		_ = t.SetError(ErrShutdown)
		return &t.Future
	}
	t.queued = true
	ex.queue.push(t)
	ex.queued++
	switch {
	case ex.idle > 0:
		ex.idle--
		ex.work.Signal()
	case ex.workers < ex.max:
		ex.workers++
		go ex.worker()
	}
	ex.mu.Unlock()
	return &t.Future
}

// interrupt dequeues a queued task: Cancel calls it once the future is
// cancelled. The task leaves the queue's count at once; its slot is skipped
// when a worker reaches it.
func (t *execTask[T]) interrupt() {
	t.ex.mu.Lock()
	if t.queued {
		t.queued = false
		t.ex.queued--
	}
	t.ex.mu.Unlock()
}

// take marks a popped task as no longer queued and reports whether it is
// still to be run (false: it was cancelled while queued). Called with ex.mu.
func (t *execTask[T]) take() bool {
	live := t.queued
	if live {
		t.queued = false
		t.ex.queued--
	}
	return live
}

// run executes the task on the calling worker.
func (t *execTask[T]) run() {
	ctx, cancel := t.ctx.start()
	defer cancel.interrupt() // the function's context ends when it returns
	fn := t.fn
	t.fn = nil // not needed once started: let it be collected
	if err := ctx.Err(); err != nil {
		var zero T
		t.resolveTask(zero, err) // its parent ended while it was queued
		return
	}
	if t.startTask(cancel) {
		t.execute(ctx, fn)
	}
}

// worker runs queued tasks until shutdown empties the queue.
func (ex *Executor) worker() {
	exiting := false
	defer func() {
		// Normal exit, or a task called runtime.Goexit and took this
		// goroutine with it: then start a replacement if work remains.
		ex.mu.Lock()
		ex.workers--
		if !exiting {
			ex.running--
			if ex.queued > 0 {
				ex.workers++
				go ex.worker()
			}
		}
		if ex.shutdown && ex.workers == 0 {
			close(ex.exited)
		}
		ex.mu.Unlock()
	}()
	ex.mu.Lock()
	for {
		for ex.queued == 0 && !ex.shutdown {
			ex.idle++
			ex.work.Wait()
		}
		t := ex.queue.pop()
		for t != nil && !t.take() { // skip tasks cancelled while queued
			t = ex.queue.pop()
		}
		if t == nil { // shut down and drained
			exiting = true
			ex.mu.Unlock()
			return
		}
		ex.running++
		ex.mu.Unlock()
		t.run()
		ex.mu.Lock()
		ex.running--
	}
}
