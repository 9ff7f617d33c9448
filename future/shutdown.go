package future

import "context"

// ShutdownOption modifies Executor.Shutdown.
type ShutdownOption func(*shutdownConfig)

type shutdownConfig struct{ cancelPending bool }

// CancelPending makes Shutdown cancel every task still queued (Python's
// cancel_futures=True). Their futures end Cancelled at once; running tasks
// are left to finish.
func CancelPending() ShutdownOption {
	return func(c *shutdownConfig) { c.cancelPending = true }
}

// Shutdown stops the executor from accepting tasks and returns at once.
// Queued tasks still run, unless CancelPending is given; to wait until every
// worker has finished, call Wait (Python's shutdown(wait=True) is Shutdown
// followed by Wait). Shutdown is idempotent: a later call can still cancel
// what is pending.
//
// A Submit that runs concurrently with Shutdown either fails with
// ErrShutdown or counts as queued before it: its task runs, or with
// CancelPending is cancelled, unless a worker had already taken it.
func (ex *Executor) Shutdown(opts ...ShutdownOption) {
	var cfg shutdownConfig
	for _, o := range opts {
		o(&cfg)
	}
	ex.mustBeMade()
	ex.mu.Lock()
	if !ex.closed.Load() {
		ex.closed.Store(true)
		close(ex.closing)
		if ex.workers.Load() == 0 {
			close(ex.exited)
		}
	}
	ex.mu.Unlock()
	var pending []queuedTask
	if cfg.cancelPending {
		pending = ex.drain()
	}
	ex.wakeAll() // sleeping workers see closed, and exit once the queue is empty
	// Abort outside the lock: cancelling a future runs its callbacks.
	for _, t := range pending {
		t.abort()
	}
}

// drain empties the queue and returns the tasks in it still to be run,
// taken off the queue; workers may take some of them first.
func (ex *Executor) drain() []queuedTask {
	var pending []queuedTask
	keep := func(t queuedTask) {
		if t.take() {
			pending = append(pending, t)
		}
	}
	// The overflow list first: once it is empty, under mu, no refill is
	// under way and the ring holds every other queued task.
	ex.mu.Lock()
	var tail []queuedTask
	for t := ex.overflow.pop(); t != nil; t = ex.overflow.pop() {
		tail = append(tail, t)
	}
	ex.spill.Store(false)
	ex.mu.Unlock()
	for t := ex.ring.popWait(); t != nil; t = ex.ring.popWait() {
		keep(t)
	}
	for _, t := range tail {
		keep(t)
	}
	return pending
}

// Wait blocks until the executor has been shut down, all of its workers
// have exited and every queued task that the end of its ctx withdrew has
// been counted (so that Stats add up), or until ctx ends; it returns
// ctx.Err() in that case. Wait does not shut the executor down itself:
// call Shutdown first, or another goroutine must.
//
// Wait called from one of the executor's own tasks panics with an error
// matching ErrSelfWait: it would wait for itself.
func (ex *Executor) Wait(ctx context.Context) error {
	ex.mustBeMade()
	ex.checkNotWorker("Wait")
	select {
	case <-ex.exited:
	case <-ctx.Done():
		return ctx.Err()
	}
	if none := ex.ending.wait(); none != nil { // see withdrawals
		select {
		case <-none:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Close shuts the executor down and waits for every queued and running task
// to finish: Python's `with ThreadPoolExecutor() as ex:` exit. It always
// returns nil; the error is there so that Close satisfies io.Closer.
//
// Close called from one of the executor's own tasks shuts the executor down
// and then panics with an error matching ErrSelfWait, instead of waiting for
// itself forever.
func (ex *Executor) Close() error {
	ex.Shutdown()
	ex.checkNotWorker("Close")
	return ex.Wait(context.Background())
}
