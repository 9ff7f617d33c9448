package future

import (
	"context"
	"testing"
	"time"
)

// Go + Result under a parent that can end (a signal.NotifyContext's, a
// request's): the task's context registers nowhere unless asked for Done.
func BenchmarkGoResultCancellableParent(b *testing.B) {
	b.ReportAllocs()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for i := 0; b.Loop(); i++ {
		f := Go(ctx, func(context.Context) (int, error) { return i, nil })
		v, err := f.Result(ctx)
		if err != nil || v != i {
			b.Fatal("wrong outcome")
		}
	}
}

// The million-task demo in small: 10,000 tasks under a parent that can end,
// each in Sleep for a millisecond, all awaited; per task.
func BenchmarkGoSleep10k(b *testing.B) {
	b.ReportAllocs()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const n = 10_000
	fs := make([]*Future[struct{}], n)
	for b.Loop() {
		for i := range fs {
			fs[i] = Go(ctx, func(ctx context.Context) (struct{}, error) {
				return struct{}{}, Sleep(ctx, time.Millisecond)
			})
		}
		for _, f := range fs {
			if _, err := f.Result(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/task")
}

// Submit + Result of 10,000 tasks on 8 workers under a parent that can end:
// each task registers on the parent while queued, and its function's
// context is the task itself.
func BenchmarkSubmitResult10kCancellableParent(b *testing.B) {
	b.ReportAllocs()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const n = 10_000
	fs := make([]*Future[int], n)
	for b.Loop() {
		ex := NewExecutor(8)
		for i := range fs {
			fs[i] = Submit(ctx, ex, func(ctx context.Context) (int, error) { return i, ctx.Err() })
		}
		for _, f := range fs {
			if _, err := f.Result(ctx); err != nil {
				b.Fatal(err)
			}
		}
		_ = ex.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/task")
}
