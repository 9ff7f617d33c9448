package semaphore

import (
	"context"
	"runtime"
	"testing"
)

// tulip's own benchmarks, for before/after comparisons of a change with
// benchstat. The side-by-side comparison with golang.org/x/sync and a
// buffered channel, in one run, lives in the benchmarks module
// (../benchmarks), so that this module does not depend on them.

func BenchmarkUncontended(b *testing.B) {
	b.ReportAllocs()
	s := New(1)
	ctx := context.Background()
	for b.Loop() {
		_ = s.Acquire(ctx)
		s.Release()
	}
}

func BenchmarkTryAcquire(b *testing.B) {
	b.ReportAllocs()
	s := New(1)
	for b.Loop() {
		if s.TryAcquire() {
			s.Release()
		}
	}
}

func BenchmarkDo(b *testing.B) {
	b.ReportAllocs()
	s := New(1)
	ctx := context.Background()
	fn := func(context.Context) error { return nil }
	for b.Loop() {
		_ = s.Do(ctx, fn)
	}
}

// contended runs 64 goroutines (32 per P on a 2-core machine) sharing 4
// permits. ctx gives each Acquire its context; hold runs while the permit is
// held.
func contended(b *testing.B, ctx func() (context.Context, context.CancelFunc), hold func()) {
	b.ReportAllocs()
	s := New(4)
	b.SetParallelism(64 / max(1, runtime.GOMAXPROCS(0)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ctx, cancel := ctx()
			err := s.Acquire(ctx)
			if err == nil {
				hold()
				s.Release()
			}
			cancel()
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// One cancellable context shared by every Acquire, as in real use.
func shared(b *testing.B) func() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	return func() (context.Context, context.CancelFunc) { return ctx, func() {} }
}

func BenchmarkContended(b *testing.B) {
	contended(b, shared(b), func() {})
}

// Each holder yields its P while it holds the permit, as one doing real work
// would, so that (almost) every Acquire waits and every Release hands its
// permit over: the pure cost of the FIFO hand-off. In Contended the holders
// release at once, so part of the time nobody waits and Acquire takes its
// free permit without queueing.
func BenchmarkContendedHandOff(b *testing.B) {
	contended(b, shared(b), runtime.Gosched)
}

// Every Acquire has a context of its own, as when each request brings its
// own: the case where waiters cannot share one registration with the context
// (see watch).
func BenchmarkContendedOwnContext(b *testing.B) {
	contended(b, func() (context.Context, context.CancelFunc) {
		return context.WithCancel(context.Background())
	}, func() {})
}
