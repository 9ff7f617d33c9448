package ascompleted_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// OfAny iterates over futures of different result types; a type switch
// recovers each typed future. (Both are already done here, so they come in
// argument order.)
//
// Python: for f in as_completed({page_task, size_task}): ...
func ExampleOfAny() {
	ctx := context.Background()
	page := future.New[string]()
	size := future.New[int]()
	_ = page.SetResult("<h1>Brazil</h1>")
	_ = size.SetResult(1024)

	for f, err := range ascompleted.OfAny(ctx, page, size) {
		if err != nil {
			fmt.Println(err)
			break
		}
		switch f := f.(type) {
		case *future.Future[string]:
			v, _ := f.TryResult()
			fmt.Println("page:", v)
		case *future.Future[int]:
			v, _ := f.TryResult()
			fmt.Println("size:", v)
		}
	}
	// Output:
	// page: <h1>Brazil</h1>
	// size: 1024
}

// The end of ctx is reported as an *UnfinishedError; errors.As reads its
// counts and errors.Is tells a deadline from a cancellation.
//
// Python: except TimeoutError as e: print(e)  # "2 (of 3) futures unfinished"
func ExampleUnfinishedError() {
	done := future.New[int]()
	_ = done.SetResult(1)
	slow, slower := future.New[int](), future.New[int]()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	for _, err := range ascompleted.Of(ctx, done, slow, slower) {
		var ue *ascompleted.UnfinishedError
		if errors.As(err, &ue) {
			fmt.Println(ue.Unfinished, "of", ue.Total, "unfinished")
			fmt.Println("timeout:", errors.Is(err, context.DeadlineExceeded))
		}
	}
	// Output:
	// 2 of 3 unfinished
	// timeout: true
}

// A producer goroutine adds futures while the loop consumes them. Hold keeps
// the iteration from ending before the producer is through; once it releases
// the hold and the last future is yielded, the loop ends by itself.
//
// Python: dask's ac = as_completed(); ac.add(f) from another thread
func ExampleFeed_Hold() {
	ctx := context.Background()
	feed := ascompleted.NewFeed[string]()
	release := feed.Hold() // before the producer starts
	go func() {
		defer release()
		for _, cc := range []string{"BR", "CN", "IN"} {
			_ = feed.Add(future.Go(ctx, func(context.Context) (string, error) { return cc + ".gif", nil }))
		}
	}()

	var saved []string
	for f, err := range feed.All(ctx) {
		if err != nil {
			fmt.Println(err)
			break
		}
		name, _ := f.TryResult()
		saved = append(saved, name)
	}
	slices.Sort(saved) // completion order varies
	fmt.Println(saved)
	// Output:
	// [BR.gif CN.gif IN.gif]
}

// A feed iterated once is over: Add then reports ErrClosed.
//
// Python: no equivalent (as_completed takes all its futures up front)
func ExampleFeed_Add() {
	ctx := context.Background()
	f := future.New[int]()
	_ = f.SetResult(1)
	feed := ascompleted.NewFeed(f)
	for f, err := range feed.All(ctx) {
		if err != nil {
			break
		}
		v, _ := f.TryResult()
		fmt.Println("got", v)
	} // nothing pending, no hold: the loop ends by itself

	err := feed.Add(future.New[int]())
	fmt.Println(errors.Is(err, ascompleted.ErrClosed))
	// Output:
	// got 1
	// true
}
