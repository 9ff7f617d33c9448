package future

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// stressProcs is GOMAXPROCS for the stress tests: 8, or TULIP_STRESS_PROCS.
func stressProcs() int {
	if n, err := strconv.Atoi(os.Getenv("TULIP_STRESS_PROCS")); err == nil {
		return n
	}
	return 8
}

// stressFor is how long a stress test runs: a second, 15 with
// TULIP_STRESS=1, or TULIP_STRESS_DUR.
func stressFor() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("TULIP_STRESS_DUR")); err == nil {
		return d
	}
	if stress() {
		return 15 * time.Second
	}
	return time.Second
}

// Every way in and out of the queue at once: Submit and TrySubmit with
// cancellable contexts that end at random, Cancel at random, functions that
// succeed, fail, panic or follow their ctx, a Map broken off early, and a
// Shutdown (with or without CancelPending) at a random moment. Afterwards:
// every future is done, a bounded queue's room is all given back, and the
// counters add up.
func TestStressQueueProtocol(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(stressProcs()))
	for round, deadline := 0, time.Now().Add(stressFor()); time.Now().Before(deadline); round++ {
		var opts []ExecutorOption
		qs := 0
		if round%3 != 0 {
			qs = 1 + rand.IntN(6)
			opts = append(opts, QueueSize(qs))
		}
		ex := NewExecutor(1+rand.IntN(3), opts...)
		var (
			mu  sync.Mutex
			all []*Future[int]
			wg  sync.WaitGroup
		)
		fn := func(ctx context.Context) (int, error) {
			switch rand.IntN(5) {
			case 0:
				return 1, nil
			case 1:
				return 0, errBoom
			case 2:
				panic("boom")
			case 3:
				_ = Sleep(ctx, time.Duration(rand.IntN(50))*time.Microsecond)
				return 0, ctx.Err()
			}
			runtime.Gosched()
			return 2, nil
		}
		for g := range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ctx, cancel := context.Background(), context.CancelFunc(func() {})
					if rand.IntN(2) == 0 {
						ctx, cancel = context.WithCancel(context.Background())
					}
					var f *Future[int]
					if g%2 == 0 {
						var ok bool
						f, ok = TrySubmit(ctx, ex, fn)
						if !ok {
							cancel()
							runtime.Gosched()
							if ex.closed.Load() {
								return
							}
							continue
						}
					} else {
						if rand.IntN(8) == 0 {
							go cancel() // ends while Submit waits for room, or while queued
						}
						f = Submit(ctx, ex, fn)
					}
					switch rand.IntN(4) {
					case 0:
						cancel()
					case 1:
						go f.Cancel()
					case 2:
						go cancel()
					}
					mu.Lock()
					all = append(all, f)
					mu.Unlock()
					if f.IsDone() && errors.Is(f.Err(), ErrShutdown) {
						cancel()
						return
					}
					defer cancel()
				}
			}()
		}
		wg.Add(1)
		go func() { // a Map broken off early, again and again
			defer wg.Done()
			for !ex.closed.Load() {
				n, stopAt := 0, rand.IntN(20)
				var in iter.Seq[int] = func(yield func(int) bool) {
					for i := 0; ; i++ {
						if !yield(i) {
							return
						}
					}
				}
				for _, err := range Map(context.Background(), ex, in, func(ctx context.Context, v int) (int, error) { return fn(ctx) }, BufferSize(1+rand.IntN(6))) {
					if errors.Is(err, ErrShutdown) {
						break
					}
					if n++; n > stopAt {
						break
					}
				}
			}
		}()
		time.Sleep(time.Duration(rand.IntN(2000)) * time.Microsecond)
		if round%2 == 1 {
			ex.Shutdown(CancelPending())
		} else {
			ex.Shutdown()
		}
		wg.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		require.NoError(t, ex.Wait(ctx), "round %d: Wait hung", round)
		cancel()
		mu.Lock()
		for _, f := range all { // an AfterFunc of a cancelled ctx may still be on its way
			select {
			case <-f.Done():
			case <-time.After(5 * time.Second):
				buf := make([]byte, 1<<20)
				t.Logf("%s", buf[:runtime.Stack(buf, true)])
			}
		}
		for i, f := range all {
			require.True(t, f.IsDone(), "round %d (qs %d, cancelPending %v, workers %d): future %d of %d still %v after Wait; flags %b, task %#v stats %+v",
				round, qs, round%2 == 1, ex.max, i, len(all), f.State(), f.flags.Load(), f.interrupt, ex.Stats())
		}
		mu.Unlock()
		if ex.room != nil {
			for i := 0; i < 200 && len(ex.room) != 0; i++ {
				time.Sleep(10 * time.Millisecond) // a Cancel gives the room back just after the future is done
			}
			require.Zero(t, len(ex.room), "round %d: room not given back (QueueSize %d)", round, qs)
		}
		st := ex.Stats()
		for i := 0; i < 200 && st.Submitted != st.Completed+st.Failed+st.Cancelled; i++ {
			time.Sleep(10 * time.Millisecond) // a Cancel or an AfterFunc counts just after the future is done
			st = ex.Stats()
		}
		require.Equal(t, st.Submitted, st.Completed+st.Failed+st.Cancelled, "round %d: counters %+v", round, st)
		require.Zero(t, st.Queued, "round %d: %+v", round, st)
		require.GreaterOrEqual(t, ex.stale.Load(), int32(0))
	}
}
