package future_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/tulipgo/tulip/future"
)

// TryResult and Err never block: on a pending future they report
// ErrInvalidState, on a done one its outcome.
//
// Python: f.result() / f.exception() on an asyncio future
func ExampleFuture_TryResult() {
	f := future.New[int]()
	_, err := f.TryResult()
	fmt.Println("pending:", errors.Is(err, future.ErrInvalidState), errors.Is(f.Err(), future.ErrInvalidState))

	_ = f.SetResult(42)
	v, err := f.TryResult()
	fmt.Println("done:", v, err, f.Err())
	// Output:
	// pending: true true
	// done: 42 <nil> <nil>
}

// SetError resolves a promise with an error, which every waiter gets as it
// is: errors.Is and errors.As see it unchanged.
//
// Python: f.set_exception(FileNotFoundError(...))
func ExampleFuture_SetError() {
	errNotFound := errors.New("404 not found")
	f := future.New[[]byte]()
	_ = f.SetError(fmt.Errorf("GET /flags/zz.gif: %w", errNotFound))

	_, err := f.Result(context.Background())
	fmt.Println(err)
	fmt.Println(errors.Is(err, errNotFound), f)
	// Output:
	// GET /flags/zz.gif: 404 not found
	// true <Future finished error="GET /flags/zz.gif: 404 not found">
}

// A producer that does the work of a promise itself calls SetRunning first:
// if a consumer cancelled the future meanwhile, it skips the work; once
// running, the future can no longer be cancelled.
//
// Python: if f.set_running_or_notify_cancel(): f.set_result(work())
func ExampleFuture_SetRunning() {
	produce := func(f *future.Future[string]) {
		if err := f.SetRunning(); err != nil {
			fmt.Println("skipped:", errors.Is(err, future.ErrCancelled))
			return
		}
		fmt.Println("cancel while running:", f.Cancel())
		_ = f.SetResult("work done")
	}

	wanted := future.New[string]()
	produce(wanted)
	fmt.Println(wanted)

	unwanted := future.New[string]()
	unwanted.Cancel()
	produce(unwanted)
	// Output:
	// cancel while running: false
	// <Future finished result=work done>
	// skipped: true
}

// State tells the four lifecycle states apart without blocking; String shows
// it too, in the spirit of Python's repr.
//
// Python: f._state, or repr(f)
func ExampleFuture_State() {
	f := future.New[int]()
	fmt.Println(f.State(), f.IsDone())
	_ = f.SetRunning()
	fmt.Println(f.State(), f.Running())
	_ = f.SetResult(3)
	fmt.Println(f.State(), f.IsDone(), f)

	g := future.New[int]()
	g.Cancel()
	fmt.Println(g.State(), g.Cancelled(), g)
	// Output:
	// pending false
	// running true
	// finished true <Future finished result=3>
	// cancelled true <Future cancelled>
}
