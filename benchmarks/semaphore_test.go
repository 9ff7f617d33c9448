package benchmarks

import (
	"context"
	"runtime"
	"testing"

	xsemaphore "golang.org/x/sync/semaphore"

	"github.com/tulipgo/tulip/semaphore"
)

// The semaphore contenders behind one interface, as x/sync's own benchmarks
// compare theirs.
type limiter interface {
	Acquire(context.Context) error
	TryAcquire() bool
	Release()
}

type weighted struct{ w *xsemaphore.Weighted }

func (x weighted) Acquire(ctx context.Context) error { return x.w.Acquire(ctx, 1) }
func (x weighted) TryAcquire() bool                  { return x.w.TryAcquire(1) }
func (x weighted) Release()                          { x.w.Release(1) }

// chanSem is the buffered-channel semaphore written by hand: neither FIFO
// nor checked against over-release.
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

var semContenders = []struct {
	name string
	make func(n int) limiter
}{
	{"tulip", func(n int) limiter { return semaphore.New(n) }},
	{"x-sync-Weighted", func(n int) limiter { return weighted{xsemaphore.NewWeighted(int64(n))} }},
	{"baseline-buffered-channel", func(n int) limiter { return make(chanSem, n) }},
}

func BenchmarkSemaphoreUncontended(b *testing.B) {
	for _, c := range semContenders {
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

// contended runs 64 goroutines sharing 4 permits, with one cancellable
// context, as in real use; hold yields the P while holding the permit.
func contended(b *testing.B, make func(int) limiter, hold bool) {
	b.ReportAllocs()
	s := make(4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.SetParallelism(64 / max(1, runtime.GOMAXPROCS(0)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.Acquire(ctx); err != nil {
				b.Error(err)
				return
			}
			if hold {
				runtime.Gosched()
			}
			s.Release()
		}
	})
}

func BenchmarkSemaphoreContended(b *testing.B) {
	for _, c := range semContenders {
		b.Run(c.name, func(b *testing.B) { contended(b, c.make, false) })
	}
}

// Every Acquire waits: holders yield while they hold the permit.
func BenchmarkSemaphoreHandOff(b *testing.B) {
	for _, c := range semContenders {
		b.Run(c.name, func(b *testing.B) { contended(b, c.make, true) })
	}
}
