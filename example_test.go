package tulip_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/tulipgo/tulip/future"
)

// The tour from the README: start tasks, wait for their results, cancel one.
func Example_tour() {
	ctx := context.Background()

	// asyncio.create_task: each call runs in its own goroutine.
	shout := future.Go(ctx, func(ctx context.Context) (string, error) {
		return strings.ToUpper("tulip"), nil
	})
	double := future.Go(ctx, func(ctx context.Context) (int, error) {
		return 21 * 2, nil
	})

	// await: block until done (or until ctx ends).
	s, _ := shout.Result(ctx)
	n, _ := double.Result(ctx)
	fmt.Println(s, n)

	// A promise, resolved by someone else.
	p := future.New[string]()
	p.AddDoneCallback(func(f *future.Future[string]) { fmt.Println("callback:", f) })
	_ = p.SetResult("done")

	// Cancellation reaches a running task through its context.
	forever := future.Go(ctx, func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})
	forever.Cancel()
	_, err := forever.Result(ctx)
	fmt.Println(err, forever.Cancelled())
	// Output:
	// TULIP 42
	// callback: <Future finished result=done>
	// future: cancelled true
}
