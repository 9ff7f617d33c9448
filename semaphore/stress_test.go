package semaphore

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestStress: 200 goroutines × 10,000 random operations (Acquire, Acquire
// with a context that ends at a random moment, TryAcquire, Do) on a semaphore
// of 8 permits. Checked: holders never exceed the capacity; every permit is
// back at the end; and the permits handed to waiters go in arrival order
// (tickets strictly increasing), cancellations notwithstanding.
func TestStress(t *testing.T) {
	const (
		permits    = 8
		goroutines = 200
	)
	ops := 300 // 10,000 took 40 s under -race: TULIP_STRESS=1 runs that
	if os.Getenv("TULIP_STRESS") != "" {
		ops = 10_000
	}
	s := New(permits)
	var (
		holders, maxHolders atomic.Int64
		seq, lastTicket     uint64                 // guarded by s.mu, as the hooks run with it held
		tickets             = map[*waiter]uint64{} // arrival order of the waiters queued now
		outOfOrder          atomic.Int64
		grants, cancels     atomic.Int64
	)
	testHookQueued = func(hs *Semaphore, w *waiter) {
		if hs == s {
			seq++
			tickets[w] = seq
		}
	}
	testHookGranted = func(hs *Semaphore, w *waiter) {
		if hs != s {
			return
		}
		if tickets[w] <= lastTicket {
			outOfOrder.Add(1)
		}
		lastTicket = tickets[w]
		delete(tickets, w)
		grants.Add(1)
	}
	defer func() { testHookQueued, testHookGranted = nil, nil }()
	hold := func() {
		n := holders.Add(1)
		for {
			m := maxHolders.Load()
			if n <= m || maxHolders.CompareAndSwap(m, n) {
				break
			}
		}
		runtime.Gosched() // hold the permit a while, so holders pile up to the cap
		holders.Add(-1)
	}

	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 42))
			for range ops {
				switch rng.IntN(8) {
				case 0, 1, 2:
					if s.Acquire(context.Background()) == nil {
						hold()
						s.Release()
					}
				case 3, 4:
					ctx, cancel := context.WithTimeout(context.Background(),
						time.Duration(rng.IntN(50))*time.Microsecond)
					if s.Acquire(ctx) == nil {
						hold()
						s.Release()
					} else {
						cancels.Add(1)
					}
					cancel()
				case 5:
					if s.TryAcquire() {
						hold()
						s.Release()
					}
				default:
					_ = s.Do(context.Background(), func(context.Context) error { hold(); return nil })
				}
			}
		}()
	}
	wg.Wait()

	require.LessOrEqual(t, maxHolders.Load(), int64(permits))
	require.Equal(t, permits, s.Available(), "permits conserved")
	require.Equal(t, 0, s.Waiters())
	require.Zero(t, outOfOrder.Load(), "a waiter was served out of arrival order")
	require.Positive(t, grants.Load(), "the stress never made anyone wait")
	require.Positive(t, cancels.Load(), "the stress never cancelled a waiter")
	t.Logf("hand-offs %d, cancelled acquires %d, max holders %d", grants.Load(), cancels.Load(), maxHolders.Load())
}
