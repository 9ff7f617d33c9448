package future

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Python A.10: callbacks run exactly once, in registration order, with the
// future, after the lock is released (so they may call Result).
func TestDoneCallbackOrder(t *testing.T) {
	f := New[int]()
	var order []int
	for i := range 5 {
		f.AddDoneCallback(func(g *Future[int]) {
			require.Same(t, f, g)
			v, err := g.Result(context.Background()) // no deadlock
			require.NoError(t, err)
			require.Equal(t, 9, v)
			order = append(order, i)
		})
	}
	require.Empty(t, order, "nothing runs before completion")
	require.NoError(t, f.SetResult(9))
	require.Equal(t, []int{0, 1, 2, 3, 4}, order)

	require.ErrorIs(t, f.SetResult(10), ErrInvalidState)
	require.Equal(t, []int{0, 1, 2, 3, 4}, order, "a refused SetResult runs nothing again")
}

// Python A.11: a callback added to a done future runs at once, in the caller's
// goroutine. CPython: test_done_callback_already_successful.
func TestDoneCallbackAlreadySuccessful(t *testing.T) {
	f := New[int]()
	require.NoError(t, f.SetResult(5))
	var got int
	f.AddDoneCallback(func(g *Future[int]) { got, _ = g.TryResult() })
	require.Equal(t, 5, got, "ran before AddDoneCallback returned")
}

// CPython: test_done_callback_already_cancelled.
func TestDoneCallbackAlreadyCancelled(t *testing.T) {
	f := New[int]()
	f.Cancel()
	var sawCancelled bool
	f.AddDoneCallback(func(g *Future[int]) { sawCancelled = g.Cancelled() })
	require.True(t, sawCancelled)
}

func TestDoneCallbackOnCancel(t *testing.T) {
	f := New[int]()
	var sawCancelled bool
	f.AddDoneCallback(func(g *Future[int]) { sawCancelled = g.Cancelled() })
	f.Cancel()
	require.True(t, sawCancelled)
}

// Python A.12: a panicking callback is reported and the next one still runs.
// CPython: test_done_callback_raises.
func TestDoneCallbackRaises(t *testing.T) {
	logs := captureSlog(t)
	f := New[int]()
	var ran []string
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, "first") })
	f.AddDoneCallback(func(*Future[int]) { panic("callback bug") })
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, "third") })

	require.NoError(t, f.SetResult(1))
	require.Equal(t, []string{"first", "third"}, ran)
	v, err := f.Result(context.Background())
	require.NoError(t, err, "the future is not corrupted")
	require.Equal(t, 1, v)

	recs := logs()
	require.Len(t, recs, 1)
	require.Equal(t, slog.LevelError, recs[0].Level)
	require.Equal(t, "future: callback panicked", recs[0].Message)
	attrs := map[string]string{}
	recs[0].Attrs(func(a slog.Attr) bool { attrs[a.Key] = a.Value.String(); return true })
	require.Equal(t, "callback bug", attrs["panic"])
	require.Equal(t, "<Future finished result=1>", attrs["future"])
	require.Contains(t, attrs["stack"], "TestDoneCallbackRaises")

	// A panic in a callback run at once (future already done) is recovered too.
	f.AddDoneCallback(func(*Future[int]) { panic("again") })
	require.Len(t, logs(), 2)
}

func TestAfterDone(t *testing.T) {
	f := New[int]()
	var ran []string
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, "typed") })
	stop := f.AfterDone(func() { ran = append(ran, "erased") })
	stopped := f.AfterDone(func() { ran = append(ran, "never") })
	require.True(t, stopped(), "unregistered before completion")
	require.False(t, stopped(), "only once")

	require.NoError(t, f.SetResult(1))
	require.Equal(t, []string{"typed", "erased"}, ran, "in the order added")
	require.False(t, stop(), "too late: it ran")

	late := f.AfterDone(func() { ran = append(ran, "late") })
	require.Equal(t, []string{"typed", "erased", "late"}, ran)
	require.False(t, late())
}

func TestAfterDoneStopLeavesNothing(t *testing.T) {
	f := New[int]()
	stops := make([]func() bool, 100)
	for i := range stops {
		stops[i] = f.AfterDone(func() { t.Error("stopped callback ran") })
	}
	for _, stop := range stops {
		require.True(t, stop())
	}
	f.mu.Lock()
	require.Empty(t, f.ext.callbacks)
	require.Nil(t, f.first)
	f.mu.Unlock()
	require.NoError(t, f.SetResult(1))
}

// A callback may add another callback; it runs at once, since the future is
// done.
func TestCallbackAddsCallback(t *testing.T) {
	f := New[int]()
	var ran []string
	f.AddDoneCallback(func(g *Future[int]) {
		ran = append(ran, "outer")
		g.AddDoneCallback(func(*Future[int]) { ran = append(ran, "inner") })
	})
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, "second") })
	require.NoError(t, f.SetResult(1))
	require.Equal(t, []string{"outer", "inner", "second"}, ran)
}

// captureSlog routes the default slog logger into memory for the test and
// returns a function listing the records so far.
func captureSlog(t *testing.T) func() []slog.Record {
	t.Helper()
	h := &memHandler{}
	old := slog.Default()
	slog.SetDefault(slog.New(h))
	t.Cleanup(func() { slog.SetDefault(old) })
	return func() []slog.Record {
		h.mu.Lock()
		defer h.mu.Unlock()
		return append([]slog.Record(nil), h.recs...)
	}
}

type memHandler struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (h *memHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *memHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.recs = append(h.recs, r.Clone())
	return nil
}
func (h *memHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *memHandler) WithGroup(string) slog.Handler      { return h }

// Stopping the inline first registration keeps the order of the others.
func TestAfterDoneStopFirstKeepsOrder(t *testing.T) {
	f := New[int]()
	var ran []int
	stop0 := f.AfterDone(func() { ran = append(ran, 0) })
	f.AfterDone(func() { ran = append(ran, 1) })
	f.AddDoneCallback(func(*Future[int]) { ran = append(ran, 2) })
	stop3 := f.AfterDone(func() { ran = append(ran, 3) })
	f.AfterDone(func() { ran = append(ran, 4) })
	require.True(t, stop0())
	require.True(t, stop3())
	require.False(t, stop3())
	require.NoError(t, f.SetResult(1))
	require.Equal(t, []int{1, 2, 4}, ran)
}
