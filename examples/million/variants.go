package main

import (
	"context"
	"fmt"
	"time"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// A variant runs n tasks that each sleep d, or until ctx ends, and reports
// how many slept the full d. It returns only when every task it started has
// ended. started is called once all n are started.
type variant func(ctx context.Context, n int, d time.Duration, started func()) (finished int, err error)

// variants are the contenders, in the order they run by default.
var variants = map[string]variant{
	"bare":  bare,
	"tulip": tulip,
}

// tulip is the demonstration: future.Go, future.Sleep, ascompleted.Of.
func tulip(ctx context.Context, n int, d time.Duration, started func()) (int, error) {
	fs := make([]*future.Future[struct{}], n)
	for i := range fs {
		fs[i] = future.Go(ctx, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, future.Sleep(ctx, d)
		})
	}
	started()
	finished := 0
	var err error
	for f, ferr := range ascompleted.Of(ctx, fs...) {
		if ferr != nil { // ctx ended: the tasks are cancelled with it
			err = ferr
			break
		}
		if f.Err() == nil {
			finished++
		}
	}
	for _, f := range fs { // every task has ended before we return
		<-f.Done()
	}
	if err == nil && finished < n {
		// Every task was done, some cancelled, before Of saw ctx end: Of
		// yields the futures done by then rather than ctx's error.
		err = fmt.Errorf("%d of %d tasks unfinished: %w", n-finished, n, ctx.Err())
	}
	return finished, err
}

// bare is what a Go programmer writes by hand: a goroutine per task and one
// buffered channel, big enough that no task waits to report.
func bare(ctx context.Context, n int, d time.Duration, started func()) (int, error) {
	done := make(chan bool, n)
	for range n {
		go func() {
			t := time.NewTimer(d)
			select {
			case <-t.C:
				done <- true
			case <-ctx.Done():
				t.Stop()
				done <- false
			}
		}()
	}
	started()
	finished := 0
	for range n {
		if <-done {
			finished++
		}
	}
	if finished < n {
		return finished, fmt.Errorf("%d of %d tasks unfinished: %w", n-finished, n, ctx.Err())
	}
	return finished, nil
}
