package semaphore

import (
	"context"
	"runtime"
	"testing"

	"golang.org/x/sync/semaphore"
)

// The three contenders behind one interface, as x/sync's own benchmarks do.
type limiter interface {
	Acquire(context.Context) error
	TryAcquire() bool
	Release()
}

type xsync struct{ w *semaphore.Weighted }

func (x xsync) Acquire(ctx context.Context) error { return x.w.Acquire(ctx, 1) }
func (x xsync) TryAcquire() bool                  { return x.w.TryAcquire(1) }
func (x xsync) Release()                          { x.w.Release(1) }

// chanSem is the buffered-channel semaphore Go programmers write by hand. It
// is neither FIFO nor bounded against over-release (a Release without an
// Acquire blocks forever).
type chanSem chan struct{}

func (c chanSem) Acquire(ctx context.Context) error {
	select {
	case c <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
func (c chanSem) TryAcquire() bool {
	select {
	case c <- struct{}{}:
		return true
	default:
		return false
	}
}
func (c chanSem) Release() { <-c }

var contenders = []struct {
	name string
	make func(n int) limiter
}{
	{"tulip", func(n int) limiter { return New(n) }},
	{"xsync", func(n int) limiter { return xsync{semaphore.NewWeighted(int64(n))} }},
	{"chan", func(n int) limiter { return make(chanSem, n) }},
}

func BenchmarkUncontended(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			s := c.make(1)
			ctx := context.Background()
			for b.Loop() {
				_ = s.Acquire(ctx)
				s.Release()
			}
		})
	}
}

func BenchmarkTryAcquire(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			s := c.make(1)
			for b.Loop() {
				if s.TryAcquire() {
					s.Release()
				}
			}
		})
	}
}

// 64 goroutines (32 per P on this 2-core machine) sharing 4 permits.
func BenchmarkContended(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			s := c.make(4)
			ctx, cancel := context.WithCancel(context.Background()) // a ctx that can end, as in real use
			defer cancel()
			b.SetParallelism(64 / max(1, runtimeProcs()))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.Acquire(ctx); err != nil {
						b.Error(err)
						return
					}
					s.Release()
				}
			})
		})
	}
}

// As Contended, but each holder yields its P while it holds the permit, as
// one doing real work would, so that (almost) every Acquire waits and every
// Release hands its permit over: the pure cost of the FIFO hand-off. In
// Contended the holders release at once, so part of the time nobody waits
// and Acquire takes its free permit without queueing.
func BenchmarkContendedHandOff(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			s := c.make(4)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			b.SetParallelism(64 / max(1, runtimeProcs()))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.Acquire(ctx); err != nil {
						b.Error(err)
						return
					}
					runtime.Gosched()
					s.Release()
				}
			})
		})
	}
}

// As Contended, but every Acquire has a context of its own, as when each
// request brings its own: the case where tulip's waiters cannot share one
// registration with the context (see watch).
func BenchmarkContendedOwnContext(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			s := c.make(4)
			b.SetParallelism(64 / max(1, runtimeProcs()))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					ctx, cancel := context.WithCancel(context.Background())
					err := s.Acquire(ctx)
					if err == nil {
						s.Release()
					}
					cancel()
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// Do against the hand-written acquire/defer-release it replaces.
func BenchmarkDo(b *testing.B) {
	b.Run("tulip-Do", func(b *testing.B) {
		b.ReportAllocs()
		s := New(1)
		ctx := context.Background()
		fn := func(context.Context) error { return nil }
		for b.Loop() {
			_ = s.Do(ctx, fn)
		}
	})
	b.Run("xsync-acquire-release", func(b *testing.B) {
		b.ReportAllocs()
		s := semaphore.NewWeighted(1)
		ctx := context.Background()
		fn := func(context.Context) error { return nil }
		for b.Loop() {
			if s.Acquire(ctx, 1) == nil {
				_ = fn(ctx)
				s.Release(1)
			}
		}
	})
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
