package future

import (
	"context"
	"errors"
)

// Submit queues fn to run on one of the executor's workers and returns its
// future (Python's executor.submit). The outcome rules are those of Go.
//
// fn's context derives from ctx: its values reach fn, and it is cancelled
// when the task is cancelled, when ctx ends, or when fn returns.
//
//   - ctx ends while the task is queued: the task leaves the queue at once
//     and never runs; its future ends with ctx.Err() (Cancelled for
//     context.Canceled, Finished with the error for a deadline).
//   - ctx ends while the task runs: fn sees its context cancelled.
//   - ctx has already ended: nothing is queued; the future is done at once.
//   - After Shutdown: nothing is queued; the future is already failed with
//     ErrShutdown.
//
// With an unbounded queue (the default) Submit never blocks. With
// QueueSize(n), Submit blocks while n tasks wait, until one leaves the queue,
// ctx ends (the future ends with ctx.Err(); the task never runs) or the
// executor shuts down (ErrShutdown). TrySubmit never blocks.
//
// Cost: one allocation per task, holding its future, its function and its
// context; with a ctx that can end, a few more for the registration on ctx
// while the task is queued. That registration takes ctx's lock, so many
// submitters sharing one long-lived cancellable ctx (a server's) contend on
// it. As with Go, the function's context is part of the task, and keeps it
// (its outcome too) reachable for as long as it is kept.
func Submit[T any](ctx context.Context, ex *Executor, fn func(context.Context) (T, error)) *Future[T] {
	t := newExecTask(ctx, ex, fn)
	if err := ex.admit(ctx, true); err != nil {
		t.refuse(err)
		return &t.Future
	}
	t.enqueue()
	return &t.Future
}

// TrySubmit is Submit that never blocks: if the executor's queue is bounded
// (QueueSize) and full, it queues nothing and returns nil and false.
// Otherwise it returns the task's future and true, as Submit would, that
// future being already done if ctx has ended or the executor is shut down.
func TrySubmit[T any](ctx context.Context, ex *Executor, fn func(context.Context) (T, error)) (*Future[T], bool) {
	t := newExecTask(ctx, ex, fn)
	switch err := ex.admit(ctx, false); {
	case errors.Is(err, errQueueFull):
		return nil, false
	case err != nil:
		t.refuse(err)
		return &t.Future, true
	}
	t.enqueue()
	return &t.Future, true
}

// execTask is a task queued on an executor. It embeds its future, its
// function and its context, so that a queued task is a single allocation
// besides its queue slot.
//
// Its context: the task is its own context (ctx, a taskContext) and its
// own interrupter, and starting it is one compare-and-swap. While it is
// queued under a parent that can end, ctx's extra part holds the stop
// function of the context.AfterFunc that takes the task off the queue when
// the parent ends (parentStop); the worker that takes the task stops that
// registration and clears the extra part before the function runs, so that
// ctx is then the function's, as it is from the start under a parent that
// can never end. Keeping the stop function out of the struct keeps a task
// for a Future[int] in a 144-byte allocation.
type execTask[T any] struct {
	Future[T]
	fn  func(context.Context) (T, error)
	ex  *Executor
	ctx taskContext
}

// parentStop returns the stop function of the task's registration on a
// parent that can end, or nil if the parent can never end. It is set before
// the task is queued, and read only while the task is queued or being taken
// (run clears it before the function runs, whose context may then grow an
// extra part of its own).
func (t *execTask[T]) parentStop() func() bool {
	if e := t.ctx.ext.Load(); !sentinel(e) {
		return e.stopParent
	}
	return nil
}

func newExecTask[T any](ctx context.Context, ex *Executor, fn func(context.Context) (T, error)) *execTask[T] {
	if ctx == nil {
		panic("future: Submit or TrySubmit with a nil Context; pass context.Background() or the caller's context")
	}
	ex.mustBeMade()
	t := &execTask[T]{fn: fn, ex: ex}
	t.Future.interrupt = t
	t.ctx.parent = ctx
	return t
}

// refuse fails a task that is never queued with err: ctx.Err() or
// ErrShutdown.
func (t *execTask[T]) refuse(err error) {
	t.flags.Store(isTask)
	t.resolveTask(*new(T), err)
}

// enqueue puts a task admitted to the queue (see Executor.admit) into it, or
// fails it with ErrShutdown if a Shutdown took it back.
func (t *execTask[T]) enqueue() {
	t.flags.Store(isTask | inQueue)
	if t.ctx.parent.Done() != nil {
		// Registered before the task is queued, so that the worker that
		// takes it sees the stop function; if the parent ends first, the
		// task is withdrawn before it is queued, and its slot is skipped.
		t.ctx.ext.Store(&ctxExtra{stopParent: context.AfterFunc(t.ctx.parent, t.parentEnded)})
	}
	if !t.ex.accept(t) {
		t.stop()
		_ = t.resolve(Finished, *new(T), ErrShutdown)
		return
	}
	t.ex.submitted.Add(1)
}

// stop unregisters the parent's AfterFunc, if any.
func (t *execTask[T]) stop() {
	if stop := t.parentStop(); stop != nil {
		stop()
	}
}

// parentEnded runs when the parent context ends: a task still queued leaves
// the queue and ends with the parent's error. A running task's context
// follows the parent itself. The task is counted before its callbacks run,
// and Wait waits for that count (see withdrawals), not for the callbacks:
// one that calls Wait does not wait for itself.
func (t *execTask[T]) parentEnded() {
	t.ex.ending.begin()
	if !t.withdraw() {
		t.ex.ending.end()
		return
	}
	st, err := taskOutcome(t.ctx.parent.Err())
	first, rest, _ := t.resolveHeld(st, *new(T), err) // fails if Cancel made it Cancelled first
	t.ex.shared.add(t.State(), t.err)                 // final either way
	t.ex.ending.end()
	t.runCallbacks(first, rest)
}

// interrupt is what Cancel calls. On a queued task (Cancel has just made it
// Cancelled) it withdraws the task: the task leaves the queue's count at
// once, and its slot is skipped when a worker reaches it. On a running task
// (or one being taken) it ends the task's context.
func (t *execTask[T]) interrupt() {
	if t.withdrawQueued() {
		return
	}
	t.ctx.interrupt()
}

// withdrawQueued implements queuedInterrupter: Cancel calls it on a pending
// task, before the task is seen done.
func (t *execTask[T]) withdrawQueued() bool {
	if !t.withdraw() {
		return false
	}
	t.stop()
	t.ex.shared.add(Cancelled, nil)
	return true
}

// withdraw implements queuedTask. The task will never run: its function
// goes at once, rather than when a worker reaches its slot.
func (t *execTask[T]) withdraw() bool {
	if !t.leaveQueue() {
		return false
	}
	t.fn = nil
	t.ex.stale.Add(1)
	return true
}

// leaveQueue clears inQueue and reports whether it was set: of a worker, a
// Cancel, the parent's end, Shutdown's drain and Submit taking its task
// back, the one that clears it owns the task's way out of the queue, and
// gives its room in a bounded queue back.
func (t *execTask[T]) leaveQueue() bool {
	if t.flags.And(^uint32(inQueue))&inQueue == 0 {
		return false
	}
	t.ex.left()
	return true
}

// abort implements queuedTask: Shutdown's drain took the task, and cancels
// it.
func (t *execTask[T]) abort() {
	t.stop()
	t.Cancel()
	t.ex.shared.add(Cancelled, nil)
}

// take implements queuedTask.
func (t *execTask[T]) take() bool {
	if t.leaveQueue() {
		return true
	}
	t.ex.stale.Add(-1)
	return false
}

// run implements queuedTask: it executes the task on the calling worker.
func (t *execTask[T]) run(tl *tally) {
	fn := t.fn
	t.fn = nil                                  // not needed once started: let it be collected
	defer func() { tl.add(t.State(), t.err) }() // deferred, like the context's end: fn may call Goexit
	if stop := t.parentStop(); stop != nil {
		// The registration that takes the task off the queue when the
		// parent ends is over: the task's context becomes its function's,
		// as when the parent can never end (a taskContext follows a parent
		// that can end itself). An end of the holder that this drops was
		// Cancel's, which made the task Cancelled first: setRunning fails.
		stop()
		t.ctx.ext.Store(nil)
	}
	// The task is its own context, and its own interrupter already:
	// starting it is one compare-and-swap.
	defer t.ctx.interrupt() // the function's context ends when it returns
	if err := t.ctx.Err(); err != nil {
		t.resolveTask(*new(T), err) // the parent ended as the task was taken
	} else if t.setRunning() {
		t.execute(&t.ctx, fn)
	}
}
