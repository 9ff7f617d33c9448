package future_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/tulipgo/tulip/future"
)

// GoIn returns a typed future per task; once Wait has returned nil, every
// result can be read without blocking.
//
// Python: async with asyncio.TaskGroup() as tg: t = tg.create_task(coro()); then t.result()
func ExampleGoIn() {
	g := future.NewGroup(context.Background())
	name := future.GoIn(g, func(context.Context) (string, error) { return "Brazil", nil })
	population := future.GoIn(g, func(context.Context) (int, error) { return 216_422_446, nil })
	if err := g.Wait(); err != nil {
		fmt.Println(err)
		return
	}
	n, _ := name.TryResult()
	p, _ := population.TryResult()
	fmt.Println(n, p)

	// The group is finished: it starts nothing more.
	late := future.GoIn(g, func(context.Context) (int, error) { return 0, nil })
	fmt.Println(errors.Is(late.Err(), future.ErrGroupDone))
	// Output:
	// Brazil 216422446
	// true
}

// SetLimit bounds how many of the group's tasks run at once; GoIn waits for
// room, so a loop can start one task per item without flooding.
//
// Python: a TaskGroup whose tasks share an asyncio.Semaphore(2)
func ExampleGroup_SetLimit() {
	g := future.NewGroup(context.Background())
	g.SetLimit(2)
	var running, peak atomic.Int32
	var fs []*future.Future[int]
	for i := range 6 {
		fs = append(fs, future.GoIn(g, func(context.Context) (int, error) {
			n := running.Add(1)
			defer running.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			return i * i, nil
		}))
	}
	fmt.Println(g.Wait())
	squares, _ := future.Gather(context.Background(), fs...)
	fmt.Println(squares, "at most 2 at once:", peak.Load() <= 2)
	// Output:
	// <nil>
	// [0 1 4 9 16 25] at most 2 at once: true
}

// Map yields (value, error) pairs in input order; an error at one position
// does not stop the others. Range with two variables: the single-variable
// form `for v := range future.Map(...)` compiles, but silently drops every
// error, the end of ctx included.
//
// Python: for v in ex.map(fn, items) (which stops at the first exception)
func ExampleMap_errors() {
	ex := future.NewExecutor(2)
	defer ex.Close()
	parse := func(_ context.Context, s string) (int, error) { return strconv.Atoi(s) }
	for n, err := range future.Map(context.Background(), ex, slices.Values([]string{"1", "two", "3"}), parse) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println("value:", n)
	}
	// Output:
	// value: 1
	// error: strconv.Atoi: parsing "two": invalid syntax
	// value: 3
}

// BufferSize bounds the calls in flight, so Map can consume an endless input:
// it pulls an item only when there is room, and leaving the loop cancels
// what is left.
//
// Python: ex.map(fn, itertools.count(), buffersize=4)  (3.14)
func ExampleBufferSize() {
	ex := future.NewExecutor(2)
	defer ex.Close()
	var pulled atomic.Int32
	naturals := func(yield func(int) bool) { // never ends by itself
		for i := 0; ; i++ {
			pulled.Add(1)
			if !yield(i) {
				return
			}
		}
	}
	double := func(_ context.Context, n int) (int, error) { return 2 * n, nil }

	var got []int
	for v, err := range future.Map(context.Background(), ex, iter.Seq[int](naturals), double, future.BufferSize(4)) {
		if err != nil {
			fmt.Println(err)
			break
		}
		if got = append(got, v); len(got) == 5 {
			break
		}
	}
	fmt.Println(got)
	fmt.Println("pulled at most 5+4:", pulled.Load() <= 9)
	// Output:
	// [0 2 4 6 8]
	// pulled at most 5+4: true
}

// The group's context ends with the first failure, and context.Cause says
// which: work done outside the group's tasks can stop with them.
//
// Python: (no equivalent; the TaskGroup's body is cancelled instead)
func ExampleGroup_Context() {
	errDisk := errors.New("disk full")
	g := future.NewGroup(context.Background())
	future.GoIn(g, func(context.Context) (int, error) { return 0, errDisk })

	<-g.Context().Done() // e.g. a progress reporter's loop
	fmt.Println("stopped by:", context.Cause(g.Context()))
	fmt.Println(g.Wait() == errDisk)
	// Output:
	// stopped by: disk full
	// true
}
