package primes

import (
	"context"
	"iter"
	"slices"
	"sync"

	"github.com/tulipgo/tulip/future"
)

// Sequential checks the numbers one after the other, in order, on the
// calling goroutine (the book's sequential.py). It stops after the first
// error (ctx ended), which it yields.
func Sequential(ctx context.Context, numbers []uint64) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		for _, n := range numbers {
			r, err := Check(ctx, n)
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// Goroutines checks the numbers on workers goroutines that take them from a
// job channel, and yields the results as they complete (the book's
// threads.py and procs.py, whose workers read a job queue). workers < 1
// means 1. Leaving the loop early cancels the checks in progress and waits
// for the workers to exit; if ctx ends, the error is yielded once.
func Goroutines(ctx context.Context, numbers []uint64, workers int) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		jobs := make(chan uint64)
		type outcome struct {
			r   Result
			err error
		}
		results := make(chan outcome)
		var wg sync.WaitGroup
		for range max(workers, 1) {
			wg.Go(func() {
				for n := range jobs {
					r, err := Check(ctx, n)
					select {
					case results <- outcome{r, err}:
					case <-ctx.Done():
						return
					}
				}
			})
		}
		wg.Go(func() {
			defer close(jobs)
			for _, n := range numbers {
				select {
				case jobs <- n:
				case <-ctx.Done():
					return
				}
			}
		})
		defer func() {
			cancel()
			wg.Wait() // the workers and the feeder
		}()
		for range numbers {
			var o outcome
			select {
			case o = <-results:
			case <-ctx.Done(): // the parent ended: workers may exit without sending
				o.err = ctx.Err()
			}
			if o.err != nil {
				yield(Result{}, o.err)
				return
			}
			if !yield(o.r, nil) {
				return
			}
		}
	}
}

// WithExecutor checks the numbers on ex's workers through future.Map and
// yields the results in input order (the book's proc_pool.py, which uses
// executor.map). Map's rules apply: leaving the loop cancels what is left;
// if ctx ends, its error is the last thing yielded.
func WithExecutor(ctx context.Context, ex *future.Executor, numbers []uint64) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		for r, err := range future.Map(ctx, ex, slices.Values(numbers), Check) {
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}
