package ascompleted

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
)

// counted is a future that counts the registrations in place on it.
type counted struct {
	*future.Future[int]
	live atomic.Int64 // Watch registrations not yet removed nor fired
}

type countingWatcher struct {
	c *counted
	w future.Watcher
}

func (c *counted) Watch(w future.Watcher) uint32 {
	c.live.Add(1)
	id := c.Future.Watch(countingWatcher{c, w})
	return id
}

func (cw countingWatcher) FutureDone() { cw.c.live.Add(-1); cw.w.FutureDone() }

func (c *counted) Unwatch(id uint32) bool {
	ok := c.Future.Unwatch(id)
	if ok {
		c.live.Add(-1)
	}
	return ok
}

// A Feed's tracker with producers adding (and re-adding) futures that other
// goroutines complete, while the loop breaks early or its ctx ends: once all
// is quiet, no registration is left on a future still pending, none is
// yielded twice in one use or before it is done, and none accepted is lost.
func TestFeedLeavesNoRegistration(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	deadline := time.Now().Add(stressFor(250 * time.Millisecond))
	for round := 0; time.Now().Before(deadline); round++ {
		tr := newTracker[*counted](true, 0)
		var all []*counted
		for range 64 {
			all = append(all, &counted{Future: future.New[int]()})
		}
		ctx, cancel := context.WithCancel(context.Background())
		var producers, completers sync.WaitGroup
		var accepted atomic.Int64
		for p := range 4 {
			tr.mu.Lock()
			tr.holds++
			tr.mu.Unlock()
			producers.Add(1)
			go func() {
				defer producers.Done()
				defer func() { tr.mu.Lock(); tr.holds--; tr.mu.Unlock(); tr.poke() }()
				for i := range 32 {
					fs := []*counted{all[(p*16+i)%len(all)], all[rand.IntN(len(all))]}
					if err := tr.add(fs, true); err != nil {
						require.ErrorIs(t, err, ErrClosed)
						return
					}
					accepted.Add(1)
					if rand.IntN(4) == 0 {
						runtime.Gosched()
					}
				}
			}()
		}
		for _, c := range all {
			completers.Add(1)
			go func() {
				defer completers.Done()
				if rand.IntN(3) == 0 {
					return // stays pending
				}
				runtime.Gosched()
				_ = c.SetResult(1)
			}()
		}
		// The loop ends by its ctx at the latest: a third of the futures stay pending.
		go func() { time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond); cancel() }()
		stopAt := -1
		if round%2 == 0 {
			stopAt = rand.IntN(40)
		}
		n := 0
		tr.run(ctx, "test", func(c *counted, err error) bool {
			if err != nil {
				var ue *UnfinishedError
				require.True(t, errors.As(err, &ue))
				return true
			}
			require.True(t, c.IsDone(), "round %d: yielded before done", round)
			n++
			return n != stopAt
		})
		producers.Wait()
		completers.Wait()
		cancel()
		for i, c := range all {
			if !c.IsDone() {
				require.Zero(t, c.live.Load(), "round %d: future %d, pending, keeps %d registrations after the loop ended", round, i, c.live.Load())
			}
		}
	}
}

// OfAny broken off early, or ended by its ctx, while other goroutines
// complete its futures (some during its registration): no registration is
// left on a future still pending, and none is yielded twice or early.
func TestOfAnyLeavesNoRegistration(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	deadline := time.Now().Add(stressFor(250 * time.Millisecond))
	for round := 0; time.Now().Before(deadline); round++ {
		var all []future.Awaitable
		var cs []*counted
		for range 48 {
			c := &counted{Future: future.New[int]()}
			cs = append(cs, c)
			all = append(all, c)
		}
		all = append(all, all[3], all[7]) // duplicates
		var completers sync.WaitGroup
		for _, c := range cs {
			completers.Add(1)
			go func() {
				defer completers.Done()
				if rand.IntN(3) == 0 {
					return
				}
				_ = c.SetResult(1)
			}()
		}
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond); cancel() }()
		stopAt := 1 + rand.IntN(60)
		seen := map[future.Awaitable]bool{}
		n := 0
		for f, err := range OfAny(ctx, all...) {
			if err != nil {
				continue
			}
			require.True(t, f.IsDone())
			require.False(t, seen[f], "round %d: yielded twice", round)
			seen[f] = true
			if n++; n == stopAt {
				break
			}
		}
		completers.Wait()
		cancel()
		for i, c := range cs {
			if !c.IsDone() {
				require.Zero(t, c.live.Load(), "round %d: future %d keeps a registration", round, i)
			}
		}
	}
}
