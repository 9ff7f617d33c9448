package ascompleted

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
)

// lateCallback is a future whose state is final before its completion
// callback runs, as a real future's is for the moment between publishing its
// state and running its callbacks: the callback is held back until fire.
type lateCallback struct {
	future.Awaitable // a pending future, for the methods not overridden
	done             bool
	watchers         []future.Watcher
}

func (l *lateCallback) IsDone() bool { return l.done }
func (l *lateCallback) Watch(w future.Watcher) uint32 {
	l.watchers = append(l.watchers, w)
	return uint32(len(l.watchers))
}
func (l *lateCallback) Unwatch(uint32) bool { return false }

// A future done before ctx ends is yielded, even if its callback has not
// queued it yet when the loop sees ctx's end.
func TestDeadlineYieldsWhatIsDone(t *testing.T) {
	l := &lateCallback{Awaitable: future.New[int]()}
	never := future.New[int]()
	tr := newTracker[future.Awaitable](false, 2)
	require.NoError(t, tr.add([]future.Awaitable{l, never}, false))
	l.done = true // completed; its callback is on its way
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var got []future.Awaitable
	var errs []error
	tr.run(ctx, "test", func(f future.Awaitable, err error) bool {
		if err != nil {
			errs = append(errs, err)
		} else {
			got = append(got, f)
		}
		return true
	})
	require.Equal(t, []future.Awaitable{l}, got, "done before ctx ended: yielded")
	require.Len(t, errs, 1)
	require.EqualError(t, errs[0], "1 (of 2) futures unfinished: context canceled")
	for _, w := range l.watchers { // the late callback, for a future already yielded
		w.FutureDone()
	}
	_, again := tr.next()
	require.False(t, again, "yielded again by its late callback")
}

// A feed forgets what it has yielded: a long-running crawler holds only what
// is pending.
func TestFeedForgetsYielded(t *testing.T) {
	feed := NewFeed[[]byte]()
	release := feed.Hold()
	n := 0
	go func() {
		defer release()
		for range 20_000 {
			f := future.New[[]byte]()
			_ = f.SetResult(make([]byte, 1024))
			if err := feed.Add(f); err != nil {
				panic(err)
			}
		}
	}()
	maxMembers := 0
	for _, err := range feed.All(context.Background()) {
		require.NoError(t, err)
		n++
		feed.t.mu.Lock()
		maxMembers = max(maxMembers, len(feed.t.index))
		feed.t.mu.Unlock()
	}
	require.Equal(t, 20_000, n)
	require.Empty(t, feed.t.index, "nothing kept of the yielded futures")
	require.Less(t, maxMembers, 20_000, "members hold the pending ones only")
}

// Bad input panics with a message, before any lock is taken: the feed stays
// usable.
func TestBadInput(t *testing.T) {
	require.PanicsWithValue(t, "ascompleted: Of: future 1 is nil", func() {
		Of(context.Background(), future.New[int](), nil)
	})
	var nilTyped *future.Future[int]
	require.PanicsWithValue(t, "ascompleted: OfAny: future 0 is a nil *future.Future[int]", func() {
		OfAny(context.Background(), nilTyped)
	})
	require.PanicsWithValue(t, "ascompleted: OfAny: future 0 is nil", func() {
		OfAny(context.Background(), nil)
	})
	require.PanicsWithValue(t,
		"ascompleted: OfAny: future 0, a ascompleted.unhashable, is not comparable, so it cannot be told apart "+
			"from the others; pass a pointer (every *future.Future is one)",
		func() { OfAny(context.Background(), unhashable{Awaitable: future.New[int]()}) })

	a := future.New[int]()
	feed := NewFeed(a)
	require.PanicsWithValue(t, "ascompleted: Feed.Add: future 0 is nil", func() { _ = feed.Add(nil) })
	require.PanicsWithValue(t, "ascompleted: NewFeed: future 0 is nil", func() { NewFeed[int](nil) })
	require.Equal(t, 1, feed.Pending(), "usable after the panic")
	_ = a.SetResult(1)
	n := 0
	for range feed.All(context.Background()) {
		n++
	}
	require.Equal(t, 1, n)
}

// unhashable is an Awaitable that cannot be a map key.
type unhashable struct {
	future.Awaitable
	_ []int
}
