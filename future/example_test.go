package future_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tulipgo/tulip/future"
)

// A promise: one goroutine resolves the future, another waits for it.
func ExampleNew() {
	f := future.New[string]()
	go func() {
		_ = f.SetResult("hello from the producer")
	}()
	v, err := f.Result(context.Background())
	fmt.Println(v, err)

	// A second outcome is refused; the first one stays.
	err = f.SetResult("too late")
	fmt.Println(errors.Is(err, future.ErrInvalidState))
	// Output:
	// hello from the producer <nil>
	// true
}

// A task: asyncio.create_task(slow()) then await.
func ExampleGo() {
	ctx := context.Background()
	task := future.Go(ctx, func(ctx context.Context) (int, error) {
		return 6 * 7, nil
	})
	answer, err := task.Result(ctx)
	fmt.Println(answer, err)
	fmt.Println(task)
	// Output:
	// 42 <nil>
	// <Task finished result=42>
}

// Cancelling a running task cancels its context; a function that honours it
// ends the task cancelled.
func ExampleFuture_Cancel() {
	ctx := context.Background()
	started := make(chan struct{})
	task := future.Go(ctx, func(ctx context.Context) (string, error) {
		close(started)
		<-ctx.Done() // a long wait, interrupted
		return "", ctx.Err()
	})
	<-started
	fmt.Println("cancel accepted:", task.Cancel())

	_, err := task.Result(ctx)
	fmt.Println(errors.Is(err, future.ErrCancelled), errors.Is(err, context.Canceled))
	fmt.Println(task.Cancelled(), task)
	// Output:
	// cancel accepted: true
	// true true
	// true <Task cancelled>
}

// Callbacks run in the order added, once the future is done; one added after
// completion runs at once.
func ExampleFuture_AddDoneCallback() {
	f := future.New[int]()
	f.AddDoneCallback(func(f *future.Future[int]) {
		v, _ := f.TryResult()
		fmt.Println("first callback sees", v)
	})
	f.AddDoneCallback(func(f *future.Future[int]) {
		fmt.Println("second callback sees", f)
	})
	_ = f.SetResult(42)
	f.AddDoneCallback(func(*future.Future[int]) {
		fmt.Println("late callback runs at once")
	})
	// Output:
	// first callback sees 42
	// second callback sees <Future finished result=42>
	// late callback runs at once
}

// A timeout is a context deadline. It does not change the future: a later
// wait still gets the real outcome.
func ExampleFuture_Result_timeout() {
	f := future.New[string]()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := f.Result(ctx)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), f.State())

	_ = f.SetResult("eventually")
	v, err := f.Result(context.Background())
	fmt.Println(v, err)
	// Output:
	// true pending
	// eventually <nil>
}

// A panic in a task becomes its error, with the stack kept.
func ExamplePanicError() {
	task := future.Go(context.Background(), func(context.Context) (int, error) {
		panic("the parser hit a bug")
	})
	_, err := task.Result(context.Background())
	var pe *future.PanicError
	fmt.Println(errors.As(err, &pe), len(pe.Stack) > 0)
	fmt.Println(err)
	// Output:
	// true true
	// future: task panicked: the parser hit a bug
}
