package future

import (
	"context"
	"errors"
	"sync"
)

// ErrGroupDone is the outcome of a task started in a Group after its Wait
// returned, or after one of its tasks failed and the group began cancelling
// the others (Python's TaskGroup raises RuntimeError in both cases).
var ErrGroupDone = errors.New("future: task group is finished or shutting down")

// Group runs tasks with a shared context and fails together: asyncio's
// TaskGroup, or errgroup with typed results.
//
//   - Tasks started with GoIn get the group's context, derived from the one
//     passed to NewGroup.
//   - The first task to fail (an error that is not a cancellation, or a
//     panic) cancels the group's context, and so the other tasks.
//   - Wait waits for every task and returns the real failures: the error
//     itself if there was one (err == the task's error, as with errgroup),
//     joined with errors.Join if there were several. The siblings' reactions
//     to the group's cancellation are left out: a cancellation error, the
//     context's error, or its cause (a task returning context.Cause(ctx)).
//     If nothing failed but the parent context was cancelled, Wait returns
//     its error.
//
// A Group is used once: create it with NewGroup, start tasks, call Wait.
type Group struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	parent context.Context

	mu       sync.Mutex
	idle     sync.Cond // broadcast when active drops to zero
	active   int
	errs     []error
	aborting bool // a task failed
	finished bool // Wait returned
}

// NewGroup returns a group whose context derives from ctx.
func NewGroup(ctx context.Context) *Group {
	gctx, cancel := context.WithCancelCause(ctx)
	g := &Group{ctx: gctx, cancel: cancel, parent: ctx}
	g.idle.L = &g.mu
	return g
}

// Context returns the group's context, for work done outside its tasks that
// should stop with them. context.Cause reports the first failure.
func (g *Group) Context() context.Context { return g.ctx }

// GoIn starts fn as a task of the group g and returns its future. fn gets the
// group's context. After Wait returned, or once a task failed, GoIn starts
// nothing and returns a future already failed with ErrGroupDone.
func GoIn[T any](g *Group, fn func(context.Context) (T, error)) *Future[T] {
	g.mu.Lock()
	if g.finished || g.aborting {
		g.mu.Unlock()
		f := New[T]()
		_ = f.SetError(ErrGroupDone)
		return f
	}
	g.active++
	g.mu.Unlock()
	f := Go(g.ctx, fn)
	f.AfterDone(func() { g.taskDone(f.Cancelled(), f.Err()) })
	return f
}

// taskDone records a finished task's outcome.
func (g *Group) taskDone(cancelled bool, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	// A sibling's cancellation noise: it ended cancelled, or, once the
	// group's context ended, with its error or its cause (the first
	// failure, echoed by a task that returns context.Cause(ctx)).
	noise := cancelled || (g.ctx.Err() != nil &&
		(errors.Is(err, g.ctx.Err()) || errors.Is(err, context.Cause(g.ctx))))
	if err != nil && !noise {
		g.errs = append(g.errs, err)
		if !g.aborting {
			g.aborting = true
			g.cancel(err)
		}
	}
	g.active--
	if g.active == 0 {
		g.idle.Broadcast()
	}
}

// Wait waits until every task of the group is done, then returns the joined
// failures (see Group). Tasks may start more tasks while Wait waits. After
// Wait the group's context is cancelled and GoIn starts nothing.
func (g *Group) Wait() error {
	g.mu.Lock()
	for g.active > 0 {
		g.idle.Wait()
	}
	g.finished = true
	errs := g.errs
	g.mu.Unlock()
	g.cancel(nil)
	switch len(errs) {
	case 0:
	case 1:
		return errs[0] // the failure itself, as errgroup returns it
	default:
		return errors.Join(errs...)
	}
	return g.parent.Err()
}
