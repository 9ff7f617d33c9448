package future

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestShutdownLosesNoQueuedTask is the shape in which a lost task was found:
// one worker, 24 goroutines submitting until they are refused, a Shutdown at
// a random moment, and many more goroutines than cores, so that a submitter
// is preempted between claiming a queue slot and filling it. After Wait,
// every future must be done; with CancelPending, none may run after Wait.
func TestShutdownLosesNoQueuedTask(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(16))
	d := time.Second // 20 s under TULIP_STRESS, which CI sets
	if stress() {
		d = 20 * time.Second
	}
	for round, deadline := 0, time.Now().Add(d); time.Now().Before(deadline); round++ {
		cancelPending := round%2 == 1
		ex := NewExecutor(1)
		var (
			mu  sync.Mutex
			all []*Future[int]
			wg  sync.WaitGroup
		)
		for range 24 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					f := Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil })
					mu.Lock()
					all = append(all, f)
					mu.Unlock()
					if f.IsDone() && errors.Is(f.Err(), ErrShutdown) {
						return
					}
				}
			}()
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		if cancelPending {
			ex.Shutdown(CancelPending())
		} else {
			ex.Shutdown()
		}
		require.NoError(t, ex.Wait(context.Background()))
		wg.Wait()
		mu.Lock()
		for i, f := range all {
			require.True(t, f.IsDone(), "round %d (cancelPending %v): future %d of %d still %v after Wait",
				round, cancelPending, i, len(all), f.State())
		}
		mu.Unlock()
	}
}

// The deterministic form of the race above: a submitter preempted between
// claiming a ring slot and filling it while later tasks sit behind it, and a
// Shutdown. The worker must not take the unfilled slot for the end of the
// queue and exit, leaving the tasks behind it pending after Wait.
func TestShutdownWaitsForUnfinishedPush(t *testing.T) {
	for _, cancelPending := range []bool{false, true} {
		ex := NewExecutor(1)
		fill := claimSlot(&ex.ring)
		f := Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil })
		// Shutdown in its own goroutine: with CancelPending its drain
		// waits for the unfinished push, as a worker does.
		shut := make(chan struct{})
		go func() {
			defer close(shut)
			if cancelPending {
				ex.Shutdown(CancelPending())
			} else {
				ex.Shutdown()
			}
		}()
		for !ex.closed.Load() {
			runtime.Gosched()
		}
		// Give the worker time to find the unfilled slot and (wrongly)
		// exit; it must still be there when the submitter resumes.
		for i := 0; i < 100 && ex.workers.Load() > 0; i++ {
			time.Sleep(time.Millisecond)
		}
		// The preempted submitter resumes: its task, a second one, is
		// queued ahead of f.
		g := &execTask[int]{ex: ex, fn: func(context.Context) (int, error) { return 2, nil }}
		g.Future.interrupt = g
		g.ctx.parent = context.Background()
		g.flags.Store(isTask | inQueue)
		fill(g)
		<-shut
		require.NoError(t, ex.Wait(context.Background()))
		require.True(t, f.IsDone(), "cancelPending %v: the task behind the unfilled slot is still %v after Wait", cancelPending, f.State())
		require.True(t, g.IsDone(), "cancelPending %v: the late task is still %v after Wait", cancelPending, g.State())
		if !cancelPending {
			v, err := f.Result(context.Background())
			require.NoError(t, err)
			require.Equal(t, 1, v)
		}
	}
}
