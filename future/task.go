package future

import (
	"context"
	"errors"
	"runtime/debug"
)

// Go starts fn in a new goroutine and returns its future: a task, Python's
// asyncio.create_task.
//
// fn receives a context derived from ctx that is cancelled when the task is
// cancelled, when ctx ends, or when fn returns. The task's outcome is what fn
// returns, with these rules:
//
//   - fn returns an error matching context.Canceled: the task ends Cancelled,
//     as an asyncio task whose coroutine raised CancelledError. This is how a
//     cancellation of the task or of ctx reaches the future. Its error
//     matches ErrCancelled; if fn's error says more than context.Canceled
//     ("fetch /x: context canceled"), it is kept, message and chain.
//   - fn returns anything else, including a value after being asked to stop:
//     the task ends Finished with it (the cancellation was declined).
//   - fn panics: the task ends Finished with a *PanicError carrying the panic
//     value and stack; the program does not crash.
//   - fn calls runtime.Goexit: the task ends Finished with ErrGoexit.
//
// Cancel on a task that has not started yet (the goroutine has not been
// scheduled) cancels it for good: fn never runs. Likewise, if ctx has ended by
// the time the goroutine starts, fn never runs and the task ends with
// ctx.Err() (Cancelled for context.Canceled). Cancel on a running task
// cancels fn's context and returns true; the outcome then follows fn.
//
// Cost: one goroutine and one allocation per task when ctx can never end
// (the future is the function's context too); a ctx that can end adds a
// context.WithCancel of it.
func Go[T any](ctx context.Context, fn func(context.Context) (T, error)) *Future[T] {
	f, tctx, t := newTask(ctx, fn)
	if t != nil {
		go t.start() // the goroutine's closure holds t alone: fn is in t
	} else {
		go f.run(tctx, fn)
	}
	return f
}

// newTask returns a pending task future for fn and the context fn will get;
// Cancel cancels that context. When ctx can never end, the future is a
// goTask, returned as t too, holding fn; otherwise t is nil.
func newTask[T any](ctx context.Context, fn func(context.Context) (T, error)) (f *Future[T], tctx context.Context, t *goTask[T]) {
	if ctx.Done() != nil {
		// A plain future: a goTask's taskContext would be 40 bytes unused.
		tctx, cancel := context.WithCancel(ctx)
		f := &Future[T]{interrupt: cancelFunc(cancel)}
		f.flags.Store(isTask)
		return f, tctx, nil
	}
	t = &goTask[T]{ctx: taskContext{parent: ctx}, fn: fn}
	t.flags.Store(isTask)
	t.interrupt = &t.ctx
	return &t.Future, &t.ctx, t
}

// goTask is a task started by Go whose function gets a taskContext: the
// future, the context and the function in one allocation.
type goTask[T any] struct {
	Future[T]
	ctx taskContext
	fn  func(context.Context) (T, error)
}

// start runs the task on its own goroutine.
func (t *goTask[T]) start() {
	fn := t.fn
	t.fn = nil // not needed once started: let it be collected
	t.run(&t.ctx, fn)
}

// run executes a task's function on the calling goroutine and resolves f with
// its outcome. Go calls it on a new goroutine.
func (f *Future[T]) run(ctx context.Context, fn func(context.Context) (T, error)) {
	defer f.interrupt.interrupt() // release the context's resources once fn is over
	if err := ctx.Err(); err != nil {
		// Cancelled (or ctx ended) before it started: fn never runs.
		var zero T
		f.resolveTask(zero, err)
		return
	}
	if !f.setRunning() {
		return // cancelled before it started: fn never runs
	}
	f.execute(ctx, fn)
}

// execute calls fn for a running task and resolves f with the outcome,
// whether fn returns, panics or calls runtime.Goexit.
func (f *Future[T]) execute(ctx context.Context, fn func(context.Context) (T, error)) {
	var (
		v        T
		err      error
		returned bool
	)
	defer func() {
		if returned {
			return
		}
		// fn panicked or called runtime.Goexit. Resolve the future either
		// way, so that no waiter hangs; a Goexit continues after this.
		// Both end Finished: a panic is never read as a cancellation, even
		// when its value is context.Canceled.
		var zero T
		_ = f.resolve(Finished, zero, abnormalEnd(recover()))
	}()
	v, err = fn(ctx)
	returned = true
	f.resolveTask(v, err)
}

// abnormalEnd returns the outcome of a function that did not return: a
// *PanicError for the panic value p that a deferred function recovered, or
// ErrGoexit if there was none (the function called runtime.Goexit). Called
// while the panic is under way, it records the panicking goroutine's stack.
func abnormalEnd(p any) error {
	if p != nil {
		return &PanicError{Value: p, Stack: debug.Stack()}
	}
	return ErrGoexit
}

// resolveTask records a task function's outcome: a cancellation error ends
// the task Cancelled, anything else Finished.
// A task already cancelled by Cancel is left as it is.
func (f *Future[T]) resolveTask(v T, err error) {
	if err != nil && errors.Is(err, context.Canceled) {
		var zero T
		_ = f.resolve(Cancelled, zero, cancellation(err))
		return
	}
	_ = f.resolve(Finished, v, err)
}
