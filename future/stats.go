package future

import "sync"

// ExecutorStats is a snapshot of an executor's load and history, for
// operators: gauges of what it is doing now, and counters of what it has
// done since it was made.
//
// Once the executor has been shut down and Wait has returned, the counters
// add up: Submitted == Completed + Failed + Cancelled. While it runs, a
// task's count may lag its future by a moment. Tasks refused with
// ErrShutdown, or never queued because their ctx had ended, are not counted.
// Map's calls count as tasks.
type ExecutorStats struct {
	MaxWorkers int // the bound on workers
	Workers    int // workers started and not exited
	Idle       int // workers waiting for work
	Running    int // tasks executing now
	Queued     int // tasks waiting for a worker

	Submitted int64 // tasks accepted into the queue
	Completed int64 // tasks that ran and ended with no error
	Failed    int64 // tasks that ended with an error (a panic included), or whose ctx's deadline passed while queued
	Cancelled int64 // tasks that ended cancelled, while queued or running
}

// Stats returns a snapshot of the executor's load and counts. The figures
// are read one after the other while the executor runs: under load they may
// be off by a task or a worker in transit.
func (ex *Executor) Stats() ExecutorStats {
	ex.mustBeMade()
	ex.mu.Lock()
	queued := ex.ring.len() + ex.overflow.len() - int(ex.stale.Load())
	completed, failed, cancelled := ex.shared.completed.Load(), ex.shared.failed.Load(), ex.shared.cancelled.Load()
	for _, c := range ex.workerCounts {
		completed += c.completed.Load()
		failed += c.failed.Load()
		cancelled += c.cancelled.Load()
	}
	ex.mu.Unlock()
	workers := int(ex.workers.Load())
	idle := min(workers, int(ex.nsleeping.Load()))
	return ExecutorStats{
		MaxWorkers: int(ex.max),
		Workers:    workers,
		Idle:       idle,
		Running:    workers - idle,
		Queued:     max(0, queued),
		Submitted:  ex.submitted.Load(),
		Completed:  completed,
		Failed:     failed,
		Cancelled:  cancelled,
	}
}

// withdrawals counts the queued tasks that the end of their context is
// taking out of the queue, from before one leaves it until it is counted.
// The end runs in context.AfterFunc's goroutine, which nobody else waits
// for: without this, a worker could skip the withdrawn slot and the last
// one exit, and Wait return, before the task was counted, and Stats would
// not add up after Wait (Submitted one more than the tasks ended). begin
// comes before the task leaves the queue, so a Wait that sees every worker
// gone sees the count too; a begin whose withdrawal fails (the task was
// taken) is ended at once.
type withdrawals struct {
	mu   sync.Mutex
	n    int
	none chan struct{} // made by a Wait that found n > 0; closed when n drops to 0
}

func (w *withdrawals) begin() {
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

func (w *withdrawals) end() {
	w.mu.Lock()
	w.n--
	if w.n == 0 && w.none != nil {
		close(w.none)
		w.none = nil
	}
	w.mu.Unlock()
}

// wait returns a channel closed once no withdrawal is in progress, or nil
// if none is now.
func (w *withdrawals) wait() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.n == 0 {
		return nil
	}
	if w.none == nil {
		w.none = make(chan struct{})
	}
	return w.none
}
