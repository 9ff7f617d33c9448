package future

import (
	"context"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// childrenOf is the number of children registered on a
// context.WithCancel parent (its unexported children map, read under its
// mutex). A task unregisters after its outcome is published (as the
// deferred cancel of a WithCancel did), so the count is read until it is
// zero, for at most a few seconds.
func childrenOf(ctx context.Context) int {
	v := reflect.ValueOf(ctx).Elem()
	mu := (*sync.Mutex)(unsafe.Pointer(v.FieldByName("mu").UnsafeAddr()))
	count := func() int { mu.Lock(); defer mu.Unlock(); return v.FieldByName("children").Len() }
	deadline := time.Now().Add(3 * time.Second)
	for count() != 0 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	return count()
}

// Short tasks under one long-lived parent
// leave no registration behind on it, whatever they did with their context
// (Done, AfterFunc, a derived context never cancelled, two Sleeps at once,
// Cancel from outside, a Result watching a cancellable context), for Go and
// Submit, and for a parent that is itself a task's context.
func TestNoRegistrationLeftOnParent(t *testing.T) {
	n := 2000
	if stress() {
		n = 200_000
	}
	uses := map[string]func(ctx context.Context){
		"Done":      func(ctx context.Context) { _ = ctx.Done() },
		"AfterFunc": func(ctx context.Context) { context.AfterFunc(ctx, func() {}) },
		"derived": func(ctx context.Context) {
			sub, cancel := context.WithCancel(ctx)
			_, _ = sub, cancel // never cancelled, on purpose: the task's end releases it
		},
		"twoSleeps": func(ctx context.Context) {
			done := make(chan struct{})
			go func() { _ = Sleep(ctx, time.Microsecond); close(done) }()
			_ = Sleep(ctx, time.Microsecond)
			<-done
		},
	}
	for name, use := range uses {
		for _, kind := range []string{"Go", "Submit"} {
			t.Run(kind+"/"+name, func(t *testing.T) {
				parent, cancel := context.WithCancel(context.Background())
				defer cancel()
				ex := NewExecutor(4)
				defer ex.Shutdown()
				watch, stopWatch := context.WithCancel(context.Background())
				defer stopWatch()
				for i := range n {
					fn := func(ctx context.Context) (int, error) { use(ctx); return i, nil }
					var f *Future[int]
					if kind == "Go" {
						f = Go(parent, fn)
					} else {
						f = Submit(parent, ex, fn)
					}
					if i%3 == 0 {
						f.Cancel()
					}
					_, _ = f.Result(watch) // watch can end: the future's Done channel
				}
				require.Zero(t, childrenOf(parent), "registrations left on the parent after %d tasks", n)
			})
		}
	}
	t.Run("taskParent", func(t *testing.T) {
		outer, cancel := context.WithCancel(context.Background())
		defer cancel()
		f := Go(outer, func(ctx context.Context) (int, error) {
			tc := ctx.(*goContext)
			for i := range n {
				g := Go(ctx, func(c context.Context) (int, error) { _ = c.Done(); context.AfterFunc(c, func() {}); return i, nil })
				_, _ = g.Result(context.Background())
			}
			left := func() int {
				if e := tc.ext.Load(); !sentinel(e) {
					return childrenOf(e.inner)
				}
				return 0
			}
			deadline := time.Now().Add(3 * time.Second)
			for left() != 0 && time.Now().Before(deadline) {
				runtime.Gosched()
			}
			require.Zero(t, left(), "AfterFuncs left on the parent task's context")
			return 0, nil
		})
		_, err := f.Result(context.Background())
		require.NoError(t, err)
		require.Zero(t, childrenOf(outer))
	})
}
