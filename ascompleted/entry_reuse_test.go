package ascompleted

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
)

// hooked is a real future whose Watch runs a hook after registering, before
// returning its id: the moment, inside tracker.add, between Watch and add's
// second lock, where a real producer can be preempted.
type hooked struct {
	*future.Future[int]
	afterWatch func()
}

func (h *hooked) Watch(w future.Watcher) uint32 {
	id := h.Future.Watch(w)
	if h.afterWatch != nil {
		h.afterWatch()
	}
	return id
}

// A feed loop that ends (break) while a producer's Add is between Watch and
// its second lock: the entry has been yielded and freed, so add's clean-up
// calls Unwatch on the freed entry's zero future: a nil dereference (and a
// data race on e.f under -race).
func TestAddAfterEndUnwatchesFreedEntry(t *testing.T) {
	tr := newTracker[future.Awaitable](true, 0)
	tr.holds = 1 // a producer holds the feed open
	f1 := future.New[int]()
	h := &hooked{Future: f1}
	loopEnded := make(chan struct{})
	h.afterWatch = func() {
		_ = f1.SetResult(1) // completes after Watch registered: FutureDone queues the entry
		<-loopEnded         // the loop yields h, frees its entry, breaks
	}
	go func() {
		defer close(loopEnded)
		tr.run(context.Background(), "Feed.All", func(future.Awaitable, error) bool { return false })
	}()
	var panicked any
	func() {
		defer func() { panicked = recover() }()
		_ = tr.add([]future.Awaitable{h}, true)
	}()
	require.Nil(t, panicked, "add after the loop ended must not panic")
}

// A producer's Add is between Watch and its second lock when its future
// completes, is yielded, and its entry is reused by a second Add for f2.
// The first add then stamps its own (f1's) registration id on the reused
// entry; at the end of the loop the tracker unwatches that id on f2 and so
// removes somebody else's registration on f2: their callback never runs.
func TestStaleIDOnReusedEntry(t *testing.T) {
	tr := newTracker[future.Awaitable](true, 0)
	tr.holds = 1
	f1 := future.New[int]()
	f2 := future.New[int]()
	userRan := make(chan struct{})
	f2.AfterDone(func() { close(userRan) }) // someone else's registration on f2: id 1
	h := &hooked{Future: f1}
	yielded := make(chan future.Awaitable, 4)
	h.afterWatch = func() {
		_ = f1.SetResult(1)
		require.Equal(t, future.Awaitable(h), <-yielded) // yielded: the entry is freed
		// A second producer adds f2: it reuses the freed entry and
		// registers on f2 (id 2).
		require.NoError(t, tr.add([]future.Awaitable{f2}, true))
	}
	ctx, cancel := context.WithCancel(context.Background())
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		tr.run(ctx, "Feed.All", func(f future.Awaitable, err error) bool {
			if err == nil {
				yielded <- f
			}
			return true
		})
	}()
	require.NoError(t, tr.add([]future.Awaitable{h}, true))
	cancel() // the loop ends with f2 pending, and unwatches its entry
	<-loopDone
	_ = f2.SetResult(2)
	select { // SetResult has run f2's callbacks before returning
	case <-userRan:
	default:
		t.Fatal("the tracker unwatched another registration on f2: its callback never ran")
	}
}

// At ctx's end, sweep queues a future whose FutureDone is still on its way
// (its state is final, its callbacks are running). The loop yields it and
// frees its entry; the loop body adds f2, which reuses the entry; the late
// FutureDone then finds the entry pending and queues it: the loop yields f2,
// which is not done.
func TestLateFutureDoneAfterSweepReuse(t *testing.T) {
	tr := newTracker[future.Awaitable](true, 0)
	tr.holds = 1
	f1 := future.New[int]()
	inCallback, release := make(chan struct{}), make(chan struct{})
	f1.AddDoneCallback(func(*future.Future[int]) { close(inCallback); <-release }) // runs before the tracker's
	require.NoError(t, tr.add([]future.Awaitable{f1}, true))
	completed := make(chan struct{})
	go func() { defer close(completed); _ = f1.SetResult(1) }()
	<-inCallback // f1 is done; the tracker's FutureDone waits behind the callback
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f2 := future.New[int]()
	defer f2.SetResult(0)
	var notDone []future.Awaitable
	tr.run(ctx, "Feed.All", func(f future.Awaitable, err error) bool {
		if err != nil {
			return true
		}
		if !f.IsDone() {
			notDone = append(notDone, f)
		}
		if f == future.Awaitable(f1) {
			require.NoError(t, tr.add([]future.Awaitable{f2}, true)) // the crawler adds from the loop body
			close(release)
			<-completed // f1's late FutureDone has run
		}
		return true
	})
	require.Empty(t, notDone, "a future yielded before it was done")
}

// The loop body gets the final *UnfinishedError; meanwhile a producer (here
// the body itself) adds a future. Add returns nil, yet the feed is over: the
// future is never yielded nor counted as unfinished. After the iteration is
// decided over, Add must say ErrClosed.
func TestAddDuringFinalErrorIsLost(t *testing.T) {
	pending := future.New[int]()
	defer pending.SetResult(0)
	feed := NewFeed(pending)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	late := future.New[int]()
	defer late.SetResult(0)
	var addErr error
	for _, err := range feed.All(ctx) {
		if err != nil {
			addErr = feed.Add(late)
		}
	}
	require.ErrorIs(t, addErr, ErrClosed, "Add accepted a future after the iteration was over")
}

// Of over futures that are all done when ctx ends, one of them with its
// callback still on its way: sweep yields it, and then Of reports
// "0 (of 1) futures unfinished", an error for a set that was complete.
func TestNoUnfinishedErrorWhenAllDone(t *testing.T) {
	l := &lateCallback{Awaitable: future.New[int]()}
	tr := newTracker[future.Awaitable](false, 1)
	require.NoError(t, tr.add([]future.Awaitable{l}, false))
	l.done = true // completed; its callback is on its way
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	n := 0
	tr.run(ctx, "test", func(f future.Awaitable, err error) bool {
		if err != nil {
			errs = append(errs, err)
		} else {
			n++
		}
		return true
	})
	require.Equal(t, 1, n)
	require.Empty(t, errs, "every future was done and yielded")
}
