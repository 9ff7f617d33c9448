package future

import (
	"context"
	"errors"
	"runtime/debug"
	"sync"
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
// Cost: one goroutine and one allocation per task, whatever ctx: the future
// is the function's context too, registered on a ctx that can end only when
// asked for its Done channel or to have contexts derived from it (then about
// what a context.WithCancel of ctx costs; Sleep on it needs neither), and a
// Result whose own context can never end waits in it, allocating nothing.
// Being part of the task, that context keeps the task reachable: a context
// kept after the task has ended (by a goroutine fn started, say) keeps its
// outcome from being collected too.
func Go[T any](ctx context.Context, fn func(context.Context) (T, error)) *Future[T] {
	if ctx == nil {
		panic("future.Go: nil Context; pass context.Background() or the caller's context")
	}
	_, _, t := newTask[T](ctx)
	go t.start(fn) // fn is in the goroutine's closure, not in t
	return &t.Future
}

// newTask returns a pending task to run a function on ctx: its future, the
// context the function will get (Cancel cancels it) and the task itself.
func newTask[T any](ctx context.Context) (f *Future[T], tctx context.Context, t *goTask[T]) {
	t = &goTask[T]{ctx: goContext{taskContext: taskContext{parent: ctx}}}
	t.flags.Store(isTask)
	t.park.Add(1) // see goTask
	t.Future.interrupt = t
	return &t.Future, &t.ctx, t
}

// goTask is a task started by Go: the future, the function's context and
// the WaitGroup a blocking Result parks on, in one allocation. It is its
// future's interrupter: Cancel ends its context (and wakes its Sleep).
//
// The WaitGroup lets a Result whose context can never end wait without
// allocating (the Done channel is made only for Done itself and for a Result
// that must watch its context too) and without the future's mutex. Its
// count is one from the task's creation (newTask adds it, before anyone else
// sees the task) until the outcome is published; Results wait on it, any
// number at once, and one that comes after Done returns at once. Done is
// called exactly once:
//
//   - by finishLocked, with mu held, once the final state is stored, when
//     the task's goroutine resolves the task (resolve is its alone: a task
//     refuses SetResult and SetError);
//   - by the task's goroutine when it finds, starting, that Cancel made the
//     task Cancelled first (start). Cancel does not call Done itself: a
//     Result parked on a task cancelled before it started returns when the
//     task's goroutine has run, which it does at once without calling fn.
//
// So Add and Done are both called by goroutines of the testing/synctest
// bubble of the task's creator (or of none), whoever cancels or waits, as
// WaitGroup requires. synctest counts a Result parked in that bubble as
// durably blocked, as it does a receive on a channel made in the bubble; a
// mutex would not be, and a pooled channel would cross bubbles.
type goTask[T any] struct {
	Future[T]
	ctx  goContext
	park sync.WaitGroup
}

func (t *goTask[T]) interrupt() { t.ctx.interrupt() }

// start runs the task on its own goroutine. A Cancel before setRunning made
// t Cancelled: fn never runs. A Cancel after it found t Running, so fn runs,
// with its context ended, and the outcome follows fn: hence the look at the
// parent alone below, not at t's context. A parent that ended before the
// start ends the task with its Err, and fn never runs.
func (t *goTask[T]) start(fn func(context.Context) (T, error)) {
	defer t.ctx.interrupt() // release the context once fn is over
	if !t.setRunning() {
		t.park.Done() // cancelled before it started: Cancel left this to the task (see goTask)
		return
	}
	if err := t.ctx.parent.Err(); err != nil {
		var zero T
		t.resolveTask(zero, err)
		return
	}
	t.execute(&t.ctx, fn)
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

// resolveTask records a task function's outcome (see taskOutcome). A task
// already cancelled by Cancel is left as it is.
func (f *Future[T]) resolveTask(v T, err error) {
	st, err := taskOutcome(err)
	if st == Cancelled {
		var zero T
		v = zero
	}
	_ = f.resolve(st, v, err)
}

// taskOutcome is the final state and error of a task whose function
// returned err: Cancelled for an error matching context.Canceled (with the
// error kept, see cancellation), Finished for anything else.
func taskOutcome(err error) (State, error) {
	if err != nil && errors.Is(err, context.Canceled) {
		return Cancelled, cancellation(err)
	}
	return Finished, err
}
