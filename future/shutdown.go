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
func (ex *Executor) Shutdown(opts ...ShutdownOption) {
	var cfg shutdownConfig
	for _, o := range opts {
		o(&cfg)
	}
	ex.mu.Lock()
	if !ex.shutdown {
		ex.shutdown = true
		if ex.workers == 0 {
			close(ex.exited)
		}
		ex.idle = 0
		ex.work.Broadcast()
	}
	var pending []queuedTask
	if cfg.cancelPending {
		pending = ex.queue.snapshot()
	}
	ex.mu.Unlock()
	// Cancel outside the lock: Cancel dequeues (taking it) and runs the
	// futures' callbacks.
	for _, t := range pending {
		t.Cancel()
	}
}

// Wait blocks until the executor has been shut down and all of its workers
// have exited, or until ctx ends; it returns ctx.Err() in that case. Wait
// does not shut the executor down itself: call Shutdown first, or another
// goroutine must.
func (ex *Executor) Wait(ctx context.Context) error {
	select {
	case <-ex.exited:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close shuts the executor down and waits for every queued and running task
// to finish: Python's `with ThreadPoolExecutor() as ex:` exit. It always
// returns nil; the error is there so that Close satisfies io.Closer.
func (ex *Executor) Close() error {
	ex.Shutdown()
	return ex.Wait(context.Background())
}

// ExecutorStats is a snapshot of an executor's load, for operators.
type ExecutorStats struct {
	MaxWorkers int // the bound on workers
	Workers    int // workers started and not exited
	Idle       int // workers waiting for work
	Running    int // tasks executing now
	Queued     int // tasks waiting for a worker
}

// Stats returns a snapshot of the executor's load.
func (ex *Executor) Stats() ExecutorStats {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ExecutorStats{
		MaxWorkers: ex.max,
		Workers:    ex.workers,
		Idle:       ex.workers - ex.running,
		Running:    ex.running,
		Queued:     ex.queued,
	}
}
