package future

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// TestCancelCtxKey checks that the key context.Cause looks up was learned:
// if a Go release stops asking Value for it, this fails, and a task context
// ended by itself would report a parent's later cause.
func TestCancelCtxKey(t *testing.T) {
	key := cancelCtxKey()
	require.NotNil(t, key)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	require.Same(t, ctx, ctx.Value(key), "a cancelCtx answers the key with itself")
}

// equivKey and equivKey2 are the value keys of the equivalence tests.
type (
	equivKey  struct{}
	equivKey2 struct{}
)

// observation is everything the standard library lets one see of a context
// and of the contexts derived from it.
type observation map[string]any

func doneClosed(ctx context.Context) any {
	d := ctx.Done()
	if d == nil {
		return "nil"
	}
	select {
	case <-d:
		return true
	default:
		return false
	}
}

// observe records ctx's Err, Cause, Done, Value and Deadline under prefix.
// doneFirst asks for Done before Err (a task context makes its extra part
// then, ended or not).
func observe(o observation, prefix string, ctx context.Context, doneFirst bool) {
	if doneFirst {
		o[prefix+".done"] = doneClosed(ctx)
	}
	o[prefix+".err"] = ctx.Err()
	o[prefix+".cause"] = context.Cause(ctx)
	if !doneFirst {
		o[prefix+".done"] = doneClosed(ctx)
	}
	o[prefix+".value"] = ctx.Value(equivKey{})
	dl, ok := ctx.Deadline()
	o[prefix+".deadline"] = fmt.Sprint(dl, ok)
}

// derived is a set of contexts derived from a context under test, and the
// AfterFunc registrations on it.
type derived struct {
	cause     context.Context
	cancelGot context.CancelCauseFunc
	deadline  context.Context
	without   context.Context
	value     context.Context
	ran       *atomic.Int32
	stopped   *atomic.Int32
}

func derive(ctx context.Context) (d derived, stop func()) {
	d.cause, d.cancelGot = context.WithCancelCause(ctx)
	var cancelDeadline context.CancelFunc
	d.deadline, cancelDeadline = context.WithDeadline(ctx, time.Now().Add(time.Hour))
	d.without = context.WithoutCancel(ctx)
	d.value = context.WithValue(ctx, equivKey2{}, "v2")
	d.ran, d.stopped = new(atomic.Int32), new(atomic.Int32)
	context.AfterFunc(ctx, func() { d.ran.Add(1) })
	stopMe := context.AfterFunc(ctx, func() { d.stopped.Add(1) })
	stopMe()
	return d, func() { d.cancelGot(nil); cancelDeadline() }
}

func (d derived) observe(o observation, prefix string) {
	observe(o, prefix+".withCancelCause", d.cause, false)
	observe(o, prefix+".withDeadline", d.deadline, true)
	observe(o, prefix+".withoutCancel", d.without, false)
	observe(o, prefix+".withValue", d.value, false)
	o[prefix+".withValue.value2"] = d.value.Value(equivKey2{})
	o[prefix+".afterFunc.ran"] = d.ran.Load()
	o[prefix+".afterFunc.stopped"] = d.stopped.Load()
}

// A task's context and context.WithCancel of the same parent are told apart
// by nothing the standard library lets one observe (String aside): in every
// state (live, ended by the task, ended with the parent, both ways round),
// with the parent cancelled with a cause or timing out, with contexts
// derived and Done asked for before or after the ends.
func TestTaskContextLikeWithCancel(t *testing.T) {
	boom := errors.New("boom")
	type parentKind struct {
		name string
		make func() (context.Context, func()) // the parent, and how it ends
	}
	parents := []parentKind{
		{"background", func() (context.Context, func()) {
			return context.WithValue(context.Background(), equivKey{}, "v"), nil
		}},
		{"cancelCause", func() (context.Context, func()) {
			p, cancel := context.WithCancelCause(context.WithValue(context.Background(), equivKey{}, "v"))
			return p, func() { cancel(boom) }
		}},
		{"timeout", func() (context.Context, func()) {
			p, cancel := context.WithTimeoutCause(context.WithValue(context.Background(), equivKey{}, "v"), time.Minute, boom)
			_ = cancel // ended by time; its cancel would end it with Canceled
			return p, func() { time.Sleep(time.Minute); synctest.Wait() }
		}},
		{"task", func() (context.Context, func()) {
			// A task context as the parent: nested tasks.
			p, cancel := context.WithCancelCause(context.WithValue(context.Background(), equivKey{}, "v"))
			c := &goContext{taskContext: taskContext{parent: p}}
			return c, func() { cancel(boom) }
		}},
	}
	steps := map[string][]string{
		"live":              nil,
		"task":              {"task"},
		"parent":            {"parent"},
		"task, then parent": {"task", "parent"},
		"parent, then task": {"parent", "task"},
	}
	for _, pk := range parents {
		for name, seq := range steps {
			for _, early := range []bool{false, true} {
				for _, doneFirst := range []bool{false, true} {
					t.Run(fmt.Sprintf("%s/%s/early=%v/doneFirst=%v", pk.name, name, early, doneFirst), func(t *testing.T) {
						var want, got observation
						for _, light := range []bool{false, true} {
							synctest.Test(t, func(t *testing.T) {
								parent, endParent := pk.make()
								if endParent == nil && len(seq) > 0 && seq[len(seq)-1] == "parent" || endParent == nil && len(seq) > 1 {
									t.Skip("a parent that cannot end")
								}
								ctx, endTask := taskOrWithCancel(parent, light)
								o := observation{}
								var early_ derived
								if early {
									d, stop := derive(ctx)
									defer stop()
									early_ = d
									observe(o, "before", ctx, doneFirst)
								}
								for _, s := range seq {
									if s == "task" {
										endTask()
									} else {
										endParent()
									}
									// A WithCancel under a task context (parent "task")
									// learns of the end through an AfterFunc, in a goroutine.
									synctest.Wait()
								}
								synctest.Wait() // the AfterFuncs have run
								observe(o, "ctx", ctx, doneFirst)
								observe(o, "ctx.again", ctx, !doneFirst)
								if early {
									early_.observe(o, "early")
								}
								late, stop := derive(ctx)
								defer stop()
								synctest.Wait()
								late.observe(o, "late")
								endTask() // and the deferred cancel of a task that returns
								if endParent != nil && pk.name != "timeout" {
									endParent()
								}
								synctest.Wait()
								observe(o, "end", ctx, doneFirst)
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
}

// Ending a task context by itself races the end of its parent (with a
// cause), Done, AfterFunc and readers of Err and Cause: the end is decided
// once, every reader sees the same Cause (the task's Canceled or the
// parent's cause), a WithCancel derived before sees it too, Done is closed
// and the AfterFunc runs exactly once.
func TestTaskContextEndRacesParent(t *testing.T) {
	boom := errors.New("boom")
	rounds := 300
	if stress() {
		rounds = 10_000
	}
	for round := range rounds {
		// In a bubble, a lost wake-up fails the test as a deadlock.
		synctest.Test(t, func(t *testing.T) {
			// Either end may come first, with readers between them.
			yield := func(n int) {
				for range n {
					runtime.Gosched()
				}
			}
			parent, cancel := context.WithCancelCause(context.Background())
			c := &goContext{taskContext: taskContext{parent: parent}}
			child, cancelChild := context.WithCancel(c)
			defer cancelChild()
			var ran atomic.Int32
			start := make(chan struct{})
			var wg sync.WaitGroup
			run := func(f func()) {
				wg.Add(1)
				go func() { defer wg.Done(); <-start; f() }()
			}
			causes := make(chan error, 3)
			run(func() { yield(round % 7); c.interrupt() })
			run(func() { yield(round % 5); cancel(boom) })
			run(func() { <-c.Done() })
			run(func() { context.AfterFunc(c, func() { ran.Add(1) }) })
			for range cap(causes) {
				run(func() {
					for c.Err() == nil {
						runtime.Gosched()
					}
					causes <- context.Cause(c)
				})
			}
			close(start)
			wg.Wait()
			synctest.Wait()
			final := context.Cause(c)
			require.ErrorIs(t, c.Err(), context.Canceled)
			require.True(t, final == context.Canceled || final == boom, "cause %v", final)
			for range cap(causes) {
				require.Equal(t, final, <-causes)
			}
			<-child.Done()
			require.Equal(t, final, context.Cause(child))
			require.EqualValues(t, 1, ran.Load())
		})
	}
}

// taskOrWithCancel returns a Go task's context under parent and the end the
// task gives it (light), or the reference it replaces: context.WithCancel
// of parent and its cancel.
func taskOrWithCancel(parent context.Context, light bool) (context.Context, func()) {
	if light {
		c := &goContext{taskContext: taskContext{parent: parent}}
		return c, c.interrupt
	}
	return context.WithCancel(parent)
}
