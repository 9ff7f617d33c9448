package future

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// customParent is a hand-made context: values (and, through them,
// context.Cause's cancelCtx lookup) from an embedded context, its own Done
// and Err, as "merge" or "detach" helpers are written. With afterFunc set,
// it also has an AfterFunc method, which context.AfterFunc and
// propagateCancel use instead of a watching goroutine.
type customParent struct {
	context.Context
	mu     sync.Mutex
	done   chan struct{}
	err    error
	afters []func()
}

func (c *customParent) Done() <-chan struct{} { return c.done }

func (c *customParent) Err() error { c.mu.Lock(); defer c.mu.Unlock(); return c.err }

func (c *customParent) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	c.err = err
	close(c.done)
	for _, f := range c.afters {
		go f()
	}
	c.afters = nil
}

type customAFParent struct{ *customParent }

func (c customAFParent) AfterFunc(f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		go f()
		return func() bool { return false }
	}
	c.afters = append(c.afters, f)
	i := len(c.afters) - 1
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.afters == nil || c.afters[i] == nil {
			return false
		}
		c.afters[i] = func() {}
		return true
	}
}

// The equivalence of a task's context with
// context.WithCancel(parent), as TestTaskContextLikeWithCancel checks it,
// for parents it does not try: hand-made contexts (with and without an
// AfterFunc method, over a live values context or one already cancelled
// with a cause of its own), a parent ended with DeadlineExceeded, and an
// executor task's context as the parent.
func TestTaskContextLikeWithCancelCustomParents(t *testing.T) {
	boom, other := errors.New("boom"), errors.New("other")
	base := func() context.Context { return context.WithValue(context.Background(), equivKey{}, "v") }
	custom := func(values context.Context, af bool) (context.Context, func()) {
		c := &customParent{Context: values, done: make(chan struct{})}
		end := func() { c.end(context.DeadlineExceeded) }
		if af {
			return customAFParent{c}, end
		}
		return c, end
	}
	parents := map[string]func() (context.Context, func()){
		"custom":          func() (context.Context, func()) { return custom(base(), false) },
		"customAfterFunc": func() (context.Context, func()) { return custom(base(), true) },
		"customOverCancelled": func() (context.Context, func()) {
			v, cancel := context.WithCancelCause(base())
			cancel(other)
			return custom(v, false)
		},
		"customOverLiveCause": func() (context.Context, func()) {
			v, cancel := context.WithCancelCause(base())
			_ = cancel
			return custom(v, true)
		},
		"execTask": func() (context.Context, func()) {
			p, cancel := context.WithCancelCause(base())
			return &taskContext{parent: p}, func() { cancel(boom) }
		},
		"execTaskUnderCustom": func() (context.Context, func()) {
			p, end := custom(base(), false)
			return &taskContext{parent: p}, end
		},
	}
	steps := map[string][]string{
		"live": nil, "task": {"task"}, "parent": {"parent"},
		"task, then parent": {"task", "parent"}, "parent, then task": {"parent", "task"},
	}
	for pname, pmake := range parents {
		for sname, seq := range steps {
			for _, doneFirst := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/doneFirst=%v", pname, sname, doneFirst), func(t *testing.T) {
					var want, got observation
					for _, light := range []bool{false, true} {
						synctest.Test(t, func(t *testing.T) {
							parent, endParent := pmake()
							ctx, endTask := taskOrWithCancel(parent, light)
							o := observation{}
							early, stop := derive(ctx)
							defer stop()
							observe(o, "before", ctx, doneFirst)
							for _, s := range seq {
								if s == "task" {
									endTask()
								} else {
									endParent()
								}
								synctest.Wait()
							}
							observe(o, "ctx", ctx, doneFirst)
							early.observe(o, "early")
							late, stopLate := derive(ctx)
							defer stopLate()
							synctest.Wait()
							late.observe(o, "late")
							o["sleep"] = fmt.Sprint(Sleep(ctx, time.Second))
							endTask()
							endParent()
							synctest.Wait()
							observe(o, "end", ctx, doneFirst)
							early.observe(o, "early.end")
							if light {
								got = o
							} else {
								want = o
							}
						})
					}
					require.Equal(t, want, got)
				})
			}
		}
	}
}
