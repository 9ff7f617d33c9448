package future_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tulipgo/tulip/future"
)

// resolved returns a future already finished with v, or with err if it is
// not nil: fixed data for deterministic examples.
func resolved[T any](v T, err error) *future.Future[T] {
	f := future.New[T]()
	if err != nil {
		_ = f.SetError(err)
	} else {
		_ = f.SetResult(v)
	}
	return f
}

// GatherSettled returns one outcome per future, in argument order, failures
// included; its own error is only for ctx ending.
//
// Python: await asyncio.gather(*aws, return_exceptions=True)
func ExampleGatherSettled() {
	ctx := context.Background()
	cancelled := future.New[int]()
	cancelled.Cancel()
	outcomes, err := future.GatherSettled(ctx,
		resolved(1, nil),
		resolved(0, errors.New("no such flag")),
		cancelled,
		resolved(4, nil),
	)
	fmt.Println("gather:", err)
	for i, o := range outcomes {
		switch {
		case errors.Is(o.Err, future.ErrCancelled):
			fmt.Println(i, "cancelled")
		case o.Err != nil:
			fmt.Println(i, "failed:", o.Err)
		default:
			fmt.Println(i, "value:", o.Value)
		}
	}
	// Output:
	// gather: <nil>
	// 0 value: 1
	// 1 failed: no such flag
	// 2 cancelled
	// 3 value: 4
}

// Shield lets a caller give up on a task without cancelling it: the deadline
// cancels the shield, and the task goes on for whoever else waits for it.
//
// Python: await asyncio.wait_for(asyncio.shield(task), timeout)
func ExampleShield() {
	release := make(chan struct{})
	task := future.Go(context.Background(), func(context.Context) (string, error) {
		<-release // a long write that must not be interrupted
		return "saved", nil
	})

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := future.WaitFor(ctx, future.Shield(task))
	fmt.Println("caller:", err)
	fmt.Println("task cancelled:", task.Cancelled())

	close(release)
	v, err := task.Result(context.Background())
	fmt.Println("task:", v, err)

	// A future that is already done needs no shield: Shield returns it.
	fmt.Println(future.Shield(task) == task)
	// Output:
	// caller: context deadline exceeded
	// task cancelled: false
	// task: saved <nil>
	// true
}

// Futures of different result types are waited on together as
// future.Awaitable: name the type parameter, as the futures' types differ.
// The typed results are then read from the original futures.
//
// Python: done, pending = await asyncio.wait({page, size}, return_when=FIRST_COMPLETED)
func ExampleWait_mixedTypes() {
	ctx := context.Background()
	page := resolved("<html>…</html>", nil) // *Future[string]
	size := future.New[int]()               // *Future[int], still pending

	done, pending, err := future.Wait[future.Awaitable](ctx, future.FirstCompleted, page, size)
	fmt.Println(len(done), len(pending), err)
	fmt.Println(done[0] == future.Awaitable(page), pending[0] == future.Awaitable(size))

	html, _ := page.TryResult() // the typed outcome, from the original
	fmt.Println(html)
	// Output:
	// 1 1 <nil>
	// true true
	// <html>…</html>
}

// WaitFor returns the task's value when the task declines the cancellation
// and returns one anyway, here a partial result.
//
// Python: a coroutine that catches CancelledError and returns under wait_for
func ExampleWaitFor_declined() {
	task := future.Go(context.Background(), func(ctx context.Context) ([]string, error) {
		rows := []string{"row 1", "row 2"} // read so far
		<-ctx.Done()                       // the rest would take too long
		return rows, nil                   // asked to stop: keep what we have
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	rows, err := future.WaitFor(ctx, task)
	fmt.Println(rows, err, task.State())
	// Output:
	// [row 1 row 2] <nil> finished
}

// Done is a channel, so a future takes part in a select like any other event:
// here whichever of two futures finishes first, or a timeout.
//
// Python: asyncio.wait({a, b}, timeout=t, return_when=FIRST_COMPLETED)
func ExampleFuture_Done() {
	ctx := context.Background()
	mirror := future.New[string]() // never answers
	primary := future.Go(ctx, func(context.Context) (string, error) { return "from primary", nil })

	select {
	case <-primary.Done():
		v, _ := primary.TryResult()
		fmt.Println(v)
	case <-mirror.Done():
		v, _ := mirror.TryResult()
		fmt.Println(v)
	case <-time.After(time.Minute):
		fmt.Println("timed out")
	}

	// A poll that never blocks: select with a default.
	select {
	case <-mirror.Done():
		fmt.Println("mirror done")
	default:
		fmt.Println("mirror still", mirror.State())
	}
	// Output:
	// from primary
	// mirror still pending
}

// AfterDone registers a callback that does not need the result type and can
// be taken back: stop reports whether it prevented the call.
//
// Python: f.add_done_callback(fn) ... f.remove_done_callback(fn)
func ExampleFuture_AfterDone() {
	f := future.New[int]()
	stopLog := f.AfterDone(func() { fmt.Println("log: done") })
	stopMetric := f.AfterDone(func() { fmt.Println("metric: done") })

	fmt.Println("unregistered before done:", stopMetric())
	_ = f.SetResult(7)
	fmt.Println("unregistered after done:", stopLog())
	// Output:
	// unregistered before done: true
	// log: done
	// unregistered after done: false
}

// FirstException returns as soon as one future fails (here at once, as one
// already has), with the futures done so far and those still pending, each
// in argument order. Nothing is cancelled.
//
// Python: done, pending = wait(fs, return_when=FIRST_EXCEPTION)
func ExampleWait_firstException() {
	ctx := context.Background()
	ok := resolved(1, nil)
	bad := resolved(0, errors.New("division by zero"))
	slow := future.New[int]()

	done, pending, err := future.Wait(ctx, future.FirstException, ok, slow, bad)
	fmt.Println(done, pending, err)
	// Output:
	// [<Future finished result=1> <Future finished error="division by zero">] [<Future pending>] <nil>
}

// Any *Future[T] is an Awaitable, whatever T, so futures of different types
// share one slice for what does not need their results: cancelling them all,
// counting the done ones.
//
// Python: for t in tasks: t.cancel()
func ExampleAwaitable() {
	page := future.New[string]()
	size := future.New[int]()
	_ = size.SetResult(1024)
	flag := future.New[[]byte]()

	all := []future.Awaitable{page, size, flag}
	for _, f := range all {
		f.Cancel() // a no-op on the done one
	}
	for _, f := range all {
		fmt.Println(f)
	}
	// Output:
	// <Future cancelled>
	// <Future finished result=1024>
	// <Future cancelled>
}
