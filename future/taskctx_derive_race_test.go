package future

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The task's end, the parent's end (with a cause) and contexts being
// derived, Done, AfterFunc and readers of Err and Cause, all at once, with
// nothing asked of the context before: every reader that has seen it ended
// sees the same Err and Cause from then on, every child derived (before or
// after the end) ends with that Cause, and every AfterFunc runs once.
func TestTaskContextConcurrentDerive(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	boom := errors.New("boom")
	deadline := time.Now().Add(raceFor())
	for round := 0; time.Now().Before(deadline); round++ {
		parent, cancel := context.WithCancelCause(context.Background())
		c := &goContext{taskContext: taskContext{parent: parent}}
		start := make(chan struct{})
		var wg sync.WaitGroup
		run := func(f func()) {
			wg.Add(1)
			go func() { defer wg.Done(); <-start; f() }()
		}
		var ran atomic.Int32
		children := make(chan context.Context, 8)
		type seen struct{ err, cause error }
		reads := make(chan seen, 8)
		run(func() { c.interrupt() })
		if round%2 == 0 {
			run(func() { cancel(boom) })
		}
		for i := range 3 {
			run(func() {
				switch i {
				case 0:
					child, stop := context.WithCancel(c)
					_ = stop
					children <- child
				case 1:
					child, stop := context.WithTimeout(c, time.Hour)
					_ = stop
					children <- child
				case 2:
					context.AfterFunc(c, func() { ran.Add(1) })
				}
			})
		}
		for range 3 {
			run(func() {
				var first seen
				for i := 0; i < 200; i++ {
					var e seen
					e.cause = context.Cause(c) // first: an end seen by Cause is seen by a later Err
					e.err = c.Err()
					if e.err == nil || e.cause == nil {
						if e.cause != nil {
							t.Errorf("round %d: Cause %v, then Err nil", round, e.cause)
						}
						if first.err != nil {
							t.Errorf("round %d: %v after %v", round, e, first)
						}
						runtime.Gosched()
						continue
					}
					if first.err == nil {
						first = e
					} else if e != first {
						t.Errorf("round %d: saw %v, then %v", round, first, e)
					}
				}
				reads <- first
			})
		}
		close(start)
		wg.Wait()
		cancel(nil)
		close(children)
		close(reads)
		final := seen{c.Err(), context.Cause(c)}
		require.Error(t, final.err)
		for r := range reads {
			if r.err != nil {
				require.Equal(t, final, r, "round %d", round)
			}
		}
		for child := range children {
			select {
			case <-child.Done():
			case <-time.After(5 * time.Second):
				t.Fatalf("round %d: a derived context never ended", round)
			}
			require.Equal(t, final.cause, context.Cause(child), "round %d: the child's cause", round)
		}
		for ran.Load() != 1 {
			runtime.Gosched()
		}
		if t.Failed() {
			return
		}
	}
}
