package future_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// The book's demo_executor_map: three workers, five loiter calls of 0–4
// units; results come back in input order although they finish in another.
func ExampleMap() {
	ex := future.NewExecutor(3)
	defer ex.Close()
	loiter := func(_ context.Context, n int) (int, error) {
		time.Sleep(time.Duration(n) * 10 * time.Millisecond)
		return n * 10, nil
	}
	for v, err := range future.Map(context.Background(), ex, slices.Values([]int{0, 1, 2, 3, 4}), loiter) {
		fmt.Println("result:", v, err)
	}
	// Output:
	// result: 0 <nil>
	// result: 10 <nil>
	// result: 20 <nil>
	// result: 30 <nil>
	// result: 40 <nil>
}

// Submit, then handle results as they complete (flags_threadpool_futures).
func ExampleSubmit() {
	ctx := context.Background()
	ex := future.NewExecutor(3)
	defer ex.Close()
	var fs []*future.Future[string]
	for _, cc := range []string{"BR", "CN", "ID"} {
		fs = append(fs, future.Submit(context.Background(), ex, func(context.Context) (string, error) {
			return strings.ToLower(cc) + ".gif", nil
		}))
	}
	var saved []string
	for f, err := range ascompleted.Of(ctx, fs...) {
		if err != nil {
			break
		}
		name, _ := f.TryResult()
		saved = append(saved, name)
	}
	slices.Sort(saved) // completion order varies; sort for a stable output
	fmt.Println(saved)
	// Output:
	// [br.gif cn.gif id.gif]
}

// Gather: values in argument order, the first error at once.
func ExampleGather() {
	ctx := context.Background()
	square := func(n int) *future.Future[int] {
		return future.Go(ctx, func(context.Context) (int, error) { return n * n, nil })
	}
	vs, err := future.Gather(ctx, square(1), square(2), square(3))
	fmt.Println(vs, err)

	failing := future.Go(ctx, func(context.Context) (int, error) { return 0, errors.New("no luck") })
	outcomes, _ := future.GatherSettled(ctx, square(4), failing)
	fmt.Println(outcomes[0].Value, outcomes[1].Err)
	// Output:
	// [1 4 9] <nil>
	// 16 no luck
}

// Wait with FirstCompleted returns as soon as one is done; nothing is
// cancelled.
func ExampleWait() {
	ctx := context.Background()
	fast := future.Go(ctx, func(context.Context) (string, error) { return "fast", nil })
	slow := future.New[string]() // resolved much later
	done, pending, err := future.Wait(ctx, future.FirstCompleted, fast, slow)
	fmt.Println(len(done), len(pending), err, done[0])
	// Output:
	// 1 1 <nil> <Task finished result=fast>
}

// WaitFor cancels a task that takes too long, and returns once it has
// stopped.
func ExampleWaitFor() {
	task := future.Go(context.Background(), func(ctx context.Context) (int, error) {
		select {
		case <-time.After(time.Hour):
			return 42, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := future.WaitFor(ctx, task)
	fmt.Println(err, task.Cancelled())
	// Output:
	// context deadline exceeded true
}

// A task group: the first failure cancels the others, and Wait reports only
// the real failures.
func ExampleGroup() {
	g := future.NewGroup(context.Background())
	future.GoIn(g, func(ctx context.Context) (string, error) {
		<-ctx.Done() // would run forever; cancelled by the failure below
		return "", ctx.Err()
	})
	future.GoIn(g, func(context.Context) (int, error) {
		return 0, errors.New("disk full")
	})
	fmt.Println(g.Wait())
	// Output:
	// disk full
}
