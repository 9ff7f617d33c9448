package download

import (
	"context"
	"fmt"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/semaphore"
)

// Strategy is how Run runs the jobs.
type Strategy string

const (
	// Sequential runs one job at a time, in order (flags2_sequential.py).
	Sequential Strategy = "sequential"
	// Executor submits every job to a future.Executor with one worker per
	// connection and reports them as they complete (flags2_threadpool.py).
	Executor Strategy = "executor"
	// Tasks starts one task per job with future.Go, bounds the requests with
	// a semaphore.Semaphore and reports them as they complete
	// (flags2_asyncio.py).
	Tasks Strategy = "tasks"
)

// Strategies lists the strategies, sorted.
func Strategies() []Strategy { return []Strategy{Executor, Sequential, Tasks} }

// MaxConns is the most connections a strategy uses: 1 for Sequential, 1000
// for the others (the book's MAX_CONCUR_REQ).
func (s Strategy) MaxConns() int {
	if s == Sequential {
		return 1
	}
	return 1000
}

// DefaultConns is the book's per-script default of --max_req: sequential
// 1, threadpool 30, asyncio 5.
func (s Strategy) DefaultConns() int {
	switch s {
	case Sequential:
		return 1
	case Executor:
		return 30
	}
	return 5
}

// Run runs job for every code, with at most conns at work at once, and calls
// report with each result as it is known (in completion order, one call at a
// time, on the caller's goroutine). It returns the counts, which always add
// up to len(codes).
//
// When ctx ends, the jobs in flight see their context cancelled, those not
// started never start, and each is reported as an Error; Run returns when
// every job has ended.
func Run(ctx context.Context, s Strategy, codes []string, conns int, job Job, report func(Result)) (Counts, error) {
	var c Counts
	emit := func(r Result) {
		c.Add(r.Status)
		if report != nil {
			report(r)
		}
	}
	conns = max(1, min(conns, s.MaxConns()))
	switch s {
	case Sequential:
		for _, cc := range codes {
			if err := ctx.Err(); err != nil {
				emit(Result{CC: cc, Status: Error, Err: err})
				continue
			}
			emit(job(ctx, cc, nil))
		}
	case Executor:
		ex := future.NewExecutor(conns)
		defer ex.Close()
		fs := make([]*future.Future[Result], len(codes))
		for i, cc := range codes {
			// ctx's end removes the queued tasks and cancels the running ones.
			fs[i] = future.Submit(ctx, ex, func(ctx context.Context) (Result, error) { return job(ctx, cc, nil), nil })
		}
		collect(ctx, codes, fs, emit)
	case Tasks:
		limit := semaphore.New(conns)
		fs := make([]*future.Future[Result], len(codes))
		for i, cc := range codes {
			fs[i] = future.Go(ctx, func(ctx context.Context) (Result, error) { return job(ctx, cc, limit), nil })
		}
		collect(ctx, codes, fs, emit)
	default:
		return c, fmt.Errorf("download: unknown strategy %q", s)
	}
	return c, nil
}

// collect reports the futures as they complete (the book's as_completed
// loop). If ctx ends first, it then waits for the rest, which are ending too
// since their context is ctx's, and reports them.
func collect(ctx context.Context, codes []string, fs []*future.Future[Result], emit func(Result)) {
	index := make(map[*future.Future[Result]]int, len(fs))
	for i, f := range fs {
		index[f] = i
	}
	one := func(f *future.Future[Result]) {
		r, err := f.Result(context.WithoutCancel(ctx))
		if err != nil { // cancelled before it ran, or a panic in the job
			r = Result{CC: codes[index[f]], Status: Error, Err: err}
		}
		emit(r)
		delete(index, f)
	}
	for f, err := range ascompleted.Of(ctx, fs...) {
		if err != nil {
			break
		}
		one(f)
	}
	for _, f := range fs {
		if _, pending := index[f]; pending {
			one(f)
		}
	}
}
