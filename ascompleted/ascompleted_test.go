package ascompleted_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

var errBoom = errors.New("boom")

// collect ranges over seq and returns the futures and errors it yielded.
func collect[F any](seq func(func(F, error) bool)) (fs []F, errs []error) {
	for f, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fs = append(fs, f)
	}
	return fs, errs
}

// resolveAfter resolves f with v after d (on the fake clock inside synctest).
func resolveAfter[T any](f *future.Future[T], d time.Duration, v T) {
	time.AfterFunc(d, func() { _ = f.SetResult(v) })
}

// The four futures of CPython's as_completed tests.
func cpythonFutures() (cancelled, exception, successful, pending *future.Future[int]) {
	cancelled, exception, successful, pending = future.New[int](), future.New[int](), future.New[int](), future.New[int]()
	cancelled.Cancel()
	_ = exception.SetError(errBoom)
	_ = successful.SetResult(42)
	return
}

// Python C.34: with timeout 0 or a short one, only the futures already done
// are yielded before TimeoutError. CPython: test_as_completed.py
// test_future_times_out.
func TestFutureTimesOut(t *testing.T) {
	for _, timeout := range []time.Duration{0, 100 * time.Millisecond} {
		synctest.Test(t, func(t *testing.T) {
			cancelled, exception, successful, pending := cpythonFutures()
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			start := time.Now()
			fs, errs := collect(ascompleted.Of(ctx, cancelled, exception, successful, pending))
			require.Equal(t, []*future.Future[int]{cancelled, exception, successful}, fs, "timeout %v", timeout)
			require.Len(t, errs, 1)
			require.ErrorIs(t, errs[0], context.DeadlineExceeded)
			require.Equal(t, timeout, time.Since(start))
			require.False(t, pending.IsDone(), "never cancels")
		})
	}
}

// Python C.34: the message says how many of how many are unfinished.
// CPython: test_correct_timeout_exception_msg.
func TestCorrectTimeoutExceptionMsg(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cancelled, _, successful, pending := cpythonFutures()
		running := future.New[int]()
		_ = running.SetRunning()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		_, errs := collect(ascompleted.Of(ctx, cancelled, pending, running, successful))
		require.Len(t, errs, 1)
		require.Equal(t, "2 (of 4) futures unfinished: context deadline exceeded", errs[0].Error())
		var ue *ascompleted.UnfinishedError
		require.ErrorAs(t, errs[0], &ue)
		require.Equal(t, 2, ue.Unfinished)
		require.Equal(t, 4, ue.Total)
	})
}

// Python C.32: duplicates are yielded once. CPython: test_duplicate_futures.
func TestDuplicateFutures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := future.New[int]()
		resolveAfter(f, time.Second, 1)
		fs, errs := collect(ascompleted.Of(context.Background(), f, f, f))
		require.Empty(t, errs)
		require.Equal(t, []*future.Future[int]{f}, fs)
	})
}

// Python C.33: already-done futures first, then completion order.
func TestAlreadyDoneFirstThenCompletionOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow, fast, done1, done2 := future.New[string](), future.New[string](), future.New[string](), future.New[string]()
		_ = done1.SetResult("d1")
		done2.Cancel()
		resolveAfter(slow, 2*time.Second, "slow")
		resolveAfter(fast, time.Second, "fast")
		fs, errs := collect(ascompleted.Of(context.Background(), slow, done1, fast, done2))
		require.Empty(t, errs)
		require.Equal(t, []*future.Future[string]{done1, done2, fast, slow}, fs)
	})
}

// Python C.35: as_completed([]) yields nothing, without error.
func TestEmpty(t *testing.T) {
	fs, errs := collect(ascompleted.Of[int](context.Background()))
	require.Empty(t, fs)
	require.Empty(t, errs)

	// Even with a ctx that has already ended: nothing is unfinished.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fs, errs = collect(ascompleted.Of[int](ctx))
	require.Empty(t, fs)
	require.Empty(t, errs)
}

// A cancellation of ctx (not a deadline) is reported as such.
func TestContextCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := future.New[int]()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		_, errs := collect(ascompleted.Of(ctx, f))
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], context.Canceled)
		require.Equal(t, future.Pending, f.State())
	})
}

// Tasks, the common case: yielded in completion order, results readable at once.
func TestTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		var tasks []*future.Future[int]
		for _, d := range []int{3, 1, 2} {
			tasks = append(tasks, future.Go(ctx, func(context.Context) (int, error) {
				time.Sleep(time.Duration(d) * time.Second)
				return d, nil
			}))
		}
		var got []int
		for f, err := range ascompleted.Of(ctx, tasks...) {
			require.NoError(t, err)
			v, err := f.TryResult()
			require.NoError(t, err)
			got = append(got, v)
		}
		require.Equal(t, []int{1, 2, 3}, got)
	})
}

// Python E.52 (3.13): the yielded objects are the futures passed in, of any
// result type.
func TestMixedTypes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		page, size, flag := future.New[string](), future.New[int](), future.New[[]byte]()
		resolveAfter(page, 2*time.Second, "<html>")
		resolveAfter(size, time.Second, 42)
		_ = flag.SetError(errBoom)
		var order []string
		for f, err := range ascompleted.OfAny(context.Background(), page, size, flag, size) {
			require.NoError(t, err)
			switch f {
			case page:
				v, _ := page.TryResult()
				order = append(order, v)
			case size:
				order = append(order, "size")
			case flag:
				require.ErrorIs(t, f.Err(), errBoom)
				order = append(order, "flag")
			}
		}
		require.Equal(t, []string{"flag", "size", "<html>"}, order)
	})
}

// A sequence can be iterated more than once; each pass follows the futures
// afresh.
func TestIterateTwice(t *testing.T) {
	a, b := future.New[int](), future.New[int]()
	_ = a.SetResult(1)
	_ = b.SetResult(2)
	seq := ascompleted.Of(context.Background(), a, b)
	first, _ := collect(seq)
	second, _ := collect(seq)
	require.Equal(t, first, second)
	require.Len(t, first, 2)
}

// 100,000 futures completing in random order from several goroutines, while
// the iteration runs: each is yielded exactly once.
func TestManyFuturesRandomOrder(t *testing.T) {
	const n = 100_000
	fs := make([]*future.Future[int], n)
	for i := range fs {
		fs[i] = future.New[int]()
	}
	perm := rand.Perm(n)
	var wg sync.WaitGroup
	const workers = 4
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := w; j < n; j += workers {
				_ = fs[perm[j]].SetResult(perm[j])
			}
		}()
	}
	seen := make([]int, n)
	count := 0
	for f, err := range ascompleted.Of(context.Background(), fs...) {
		require.NoError(t, err)
		v, _ := f.TryResult()
		seen[v]++
		count++
	}
	wg.Wait()
	require.Equal(t, n, count)
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("future %d yielded %d times", i, c)
		}
	}
}

// counted wraps a future and counts the completion callbacks registered on it
// and not yet stopped or run, to prove that nothing is left behind.
type counted struct {
	*future.Future[int]
	live *atomic.Int64
}

func (c counted) AfterDone(fn func()) func() bool {
	c.live.Add(1)
	var once sync.Once
	settle := func() { once.Do(func() { c.live.Add(-1) }) }
	stop := c.Future.AfterDone(func() { settle(); fn() })
	return func() bool {
		stopped := stop()
		if stopped {
			settle()
		}
		return stopped
	}
}

// Breaking out of the loop at every position leaves no callback registered
// (and, by goleak, no goroutine).
func TestEarlyBreakAtEveryPosition(t *testing.T) {
	const n = 6
	for stopAt := range n + 1 {
		synctest.Test(t, func(t *testing.T) {
			var live atomic.Int64
			var fs []future.Awaitable
			var raw []*future.Future[int]
			for i := range n {
				f := future.New[int]()
				raw = append(raw, f)
				fs = append(fs, counted{f, &live})
				if i < 2 {
					_ = f.SetResult(i) // two already done
				} else {
					resolveAfter(f, time.Duration(i)*time.Second, i)
				}
			}
			seen := 0
			for _, err := range ascompleted.OfAny(context.Background(), fs...) {
				require.NoError(t, err)
				if seen == stopAt {
					break
				}
				seen++
			}
			require.Equal(t, int64(0), live.Load(), "stopAt %d: callbacks left registered", stopAt)
			synctest.Wait()
			for _, f := range raw {
				_ = f.SetResult(-1) // finish the rest; no stale callback may fire into the loop
			}
			time.Sleep(time.Duration(n) * time.Second) // let the timers fire
		})
	}
}

// A panic in the loop body also unregisters everything.
func TestPanicInLoopBody(t *testing.T) {
	var live atomic.Int64
	a, b := future.New[int](), future.New[int]()
	_ = a.SetResult(1)
	func() {
		defer func() { require.Equal(t, "body", recover()) }()
		for range ascompleted.OfAny(context.Background(), counted{a, &live}, counted{b, &live}) {
			panic("body")
		}
	}()
	require.Equal(t, int64(0), live.Load())
}

// The ctx ending unregisters everything too.
func TestDeadlineUnregisters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var live atomic.Int64
		f := future.New[int]()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, errs := collect(ascompleted.OfAny(ctx, counted{f, &live}))
		require.Len(t, errs, 1)
		require.Equal(t, int64(0), live.Load())
	})
}
