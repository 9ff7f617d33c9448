package future

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
)

const benchTasks = 10_000

func tiny(_ context.Context, i int) (int, error) { return i * 2, nil }

// The hand-written baseline: 8 goroutines reading jobs from a channel and
// writing results into a slice, then a WaitGroup.
func BenchmarkBaselineChannelPool10k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		jobs := make(chan int, 64)
		out := make([]int, benchTasks)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					out[i], _ = tiny(context.Background(), i)
				}
			}()
		}
		for i := range benchTasks {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchTasks), "ns/task")
}

// 10,000 Submit calls to 8 workers, then a Result on each.
func BenchmarkSubmitResult10k(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		ex := NewExecutor(8)
		fs := make([]*Future[int], benchTasks)
		for i := range fs {
			fs[i] = Submit(context.Background(), ex, func(ctx context.Context) (int, error) { return tiny(ctx, i) })
		}
		for _, f := range fs {
			if _, err := f.Result(ctx); err != nil {
				b.Fatal(err)
			}
		}
		_ = ex.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchTasks), "ns/task")
}

// Map over 10,000 inputs on 8 workers.
func BenchmarkMap10k(b *testing.B) { benchMap(b) }

// Map over 10,000 inputs on 8 workers with windows of several sizes (the
// default is 64): the measurements behind BufferSize's design note.
func BenchmarkMapBufferSize(b *testing.B) {
	for _, n := range []int{1, 8, 16, 64, 256} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchMap(b, BufferSize(n)) })
	}
}

func benchMap(b *testing.B, opts ...MapOption) {
	b.ReportAllocs()
	ctx := context.Background()
	in := make([]int, benchTasks)
	for i := range in {
		in[i] = i
	}
	for b.Loop() {
		ex := NewExecutor(8)
		n := 0
		for _, err := range Map(ctx, ex, slices.Values(in), tiny, opts...) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchTasks {
			b.Fatal(n)
		}
		_ = ex.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchTasks), "ns/task")
}

// resolvingFutures returns n pending futures that a goroutine resolves, in
// order, while the benchmark waits on them.
func resolvingFutures(n int) []*Future[int] {
	fs := make([]*Future[int], n)
	for i := range fs {
		fs[i] = New[int]()
	}
	go func() {
		for i, f := range fs {
			_ = f.SetResult(i)
		}
	}()
	return fs
}

// Gather over 10,000 futures resolved by another goroutine meanwhile.
func BenchmarkGather10k(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		fs := resolvingFutures(benchTasks)
		if _, err := Gather(ctx, fs...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchTasks), "ns/future")
}

// Wait(AllCompleted) over 10,000 futures resolved meanwhile.
func BenchmarkWait10k(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		fs := resolvingFutures(benchTasks)
		if _, _, err := Wait(ctx, AllCompleted, fs...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchTasks), "ns/future")
}

// The heap held by a queued task (target: at most 200 bytes), measured with
// every worker blocked so that the tasks stay queued.
func BenchmarkQueuedTaskBytes(b *testing.B) {
	ex := NewExecutor(1)
	block := make(chan struct{})
	Submit(context.Background(), ex, func(context.Context) (int, error) { <-block; return 0, nil })
	fn := func(ctx context.Context) (int, error) { return 1, nil }
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		Submit(context.Background(), ex, fn)
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N), "bytes/task")
	close(block)
	ex.Shutdown(CancelPending())
	_ = ex.Wait(context.Background())
}
