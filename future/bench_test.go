package future

import (
	"context"
	"runtime"
	"testing"
)

// The baseline a Go programmer writes without a library: one goroutine
// sending (value, error) on a buffered channel.
func BenchmarkBaselineGoroutineChannel(b *testing.B) {
	b.ReportAllocs()
	type outcome struct {
		v   int
		err error
	}
	for i := 0; b.Loop(); i++ {
		ch := make(chan outcome, 1)
		go func() { ch <- outcome{i, nil} }()
		o := <-ch
		if o.v != i {
			b.Fatal("wrong value")
		}
	}
}

// The same baseline with what a cancellable task needs: a context derived
// per task and released when it ends. Go pays this too.
func BenchmarkBaselineGoroutineChannelContext(b *testing.B) {
	b.ReportAllocs()
	type outcome struct {
		v   int
		err error
	}
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		ch := make(chan outcome, 1)
		tctx, cancel := context.WithCancel(ctx)
		go func() {
			defer cancel()
			_ = tctx
			ch <- outcome{i, nil}
		}()
		o := <-ch
		if o.v != i {
			b.Fatal("wrong value")
		}
	}
}

// Go + Result: a task started and awaited; compare with the baseline above.
func BenchmarkGoResult(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		f := Go(ctx, func(context.Context) (int, error) { return i, nil })
		v, err := f.Result(ctx)
		if err != nil || v != i {
			b.Fatal("wrong outcome")
		}
	}
}

// The promise path: a future created, resolved and read.
func BenchmarkNewSetResultResult(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		f := New[int]()
		_ = f.SetResult(i)
		if v, _ := f.Result(ctx); v != i {
			b.Fatal("wrong value")
		}
	}
}

// Result on a future that is already done: the fast path every waiter after
// the first takes.
func BenchmarkResultDone(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	f := New[int]()
	_ = f.SetResult(1)
	for b.Loop() {
		if _, err := f.Result(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// AddDoneCallback on a pending future (registration cost only; the callbacks
// run when the next batch resolves the future).
func BenchmarkAddDoneCallbackPending(b *testing.B) {
	b.ReportAllocs()
	cb := func(*Future[int]) {}
	f := New[int]()
	for i := 0; b.Loop(); i++ {
		f.AddDoneCallback(cb)
		if i%1024 == 1023 { // bound the list, as real futures do
			_ = f.SetResult(i)
			f = New[int]()
		}
	}
}

// The heap a pending Future[int] holds before anyone waits on it, reported as
// bytes/future (the target is at most 128).
func BenchmarkPendingFutureSize(b *testing.B) {
	var before, after runtime.MemStats
	keep := make([]*Future[int], 0, 1<<16)
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		keep = append(keep, New[int]())
		if len(keep) == cap(keep) {
			keep = keep[:0]
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N), "bytes/future")
	runtime.KeepAlive(keep)
}
