package domains

import (
	"context"
	"iter"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/semaphore"
)

// MultiProbe probes every domain concurrently and yields the results in the
// order the lookups complete (the book's multi_probe async generator, which
// uses asyncio.as_completed): a result per domain, each once, with its error
// in Result.Err (see Probe).
//
// At most WithLimit lookups run at once; the others wait their turn and
// start in input order. Each domain gets a task started when iteration starts (a goroutine,
// parked on the semaphore until its turn). If ctx ends first, the iterator
// yields one (Result{}, err) whose err matches ctx's error and says how many
// lookups were unfinished, and stops.
//
// Leaving the loop early (break, return, panic) or ctx ending cancels the
// lookups still pending and waits for them: when the loop is over, no
// goroutine of MultiProbe is left.
func MultiProbe(ctx context.Context, domains []string, opts ...Option) iter.Seq2[Result, error] {
	c := newConfig(opts)
	return func(yield func(Result, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		sem := semaphore.New(c.limit)
		tasks := make([]*future.Future[Result], len(domains))
		domainOf := make(map[*future.Future[Result]]string, len(domains))
		// The tasks queue on the (FIFO) semaphore in input order: each
		// waits for its turn, given by the one before it once it has a permit.
		turn := make(chan struct{})
		close(turn)
		for i, d := range domains {
			mine, next := turn, make(chan struct{})
			turn = next
			tasks[i] = future.Go(ctx, func(ctx context.Context) (Result, error) {
				select {
				case <-mine:
				case <-ctx.Done():
					close(next)
					return Result{Domain: d, Err: ctx.Err()}, nil
				}
				err := sem.Acquire(ctx)
				close(next)
				if err != nil {
					return Result{Domain: d, Err: err}, nil
				}
				defer sem.Release()
				return c.probe(ctx, d), nil
			})
			domainOf[tasks[i]] = d
		}
		defer func() {
			cancel()
			for _, t := range tasks {
				<-t.Done()
			}
		}()
		for f, err := range ascompleted.Of(ctx, tasks...) {
			if err != nil {
				yield(Result{}, err)
				return
			}
			// f is done (it was yielded); an error means ctx cancelled the
			// task before it started.
			r, err := f.TryResult()
			if err != nil {
				r = Result{Domain: domainOf[f], Err: err}
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}
