package future

import (
	"context"
	"errors"
	"fmt"
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
//   - SetLimit bounds how many of its tasks run at once; GoIn then waits
//     for room, as errgroup's Go does.
//
// A Group is used once: create it with NewGroup, start tasks, call Wait. The
// zero Group is usable too, as NewGroup(context.Background()).
type Group struct {
	mu     sync.Mutex
	idle   sync.Cond // broadcast when active drops to zero
	ctx    context.Context
	cancel context.CancelCauseFunc
	parent context.Context
	sem    chan struct{} // SetLimit: one token per running task; nil if unlimited

	active   int
	errs     []error
	aborting bool // a task failed
	finished bool // Wait returned
}

// NewGroup returns a group whose context derives from ctx.
func NewGroup(ctx context.Context) *Group {
	g := &Group{}
	g.initLocked(ctx)
	return g
}

// initLocked sets up g's context, if not done yet (a zero Group is set up by
// its first use). g.mu must be held, or g not yet shared.
func (g *Group) initLocked(parent context.Context) {
	if g.ctx != nil {
		return
	}
	g.ctx, g.cancel = context.WithCancelCause(parent)
	g.parent = parent
	g.idle.L = &g.mu
}

// lock locks g.mu, setting up a zero Group first.
func (g *Group) lock() {
	g.mu.Lock()
	g.initLocked(context.Background())
}

// Context returns the group's context, for work done outside its tasks that
// should stop with them. context.Cause reports the first failure.
func (g *Group) Context() context.Context {
	g.lock()
	defer g.mu.Unlock()
	return g.ctx
}

// SetLimit makes at most n of the group's tasks run at once; GoIn then blocks
// until one of them is done. A negative n removes the limit (the default).
// Like errgroup's SetLimit, it must not be called while tasks are running
// (that panics); a limit of 0 would block every GoIn forever, and panics
// too.
func (g *Group) SetLimit(n int) {
	if n == 0 {
		panic("future: Group.SetLimit(0) would block every GoIn forever; use a positive limit, or a negative one for none")
	}
	g.lock()
	defer g.mu.Unlock()
	if g.active > 0 {
		panic(fmt.Sprintf("future: Group.SetLimit called with %d of the group's tasks running; set the limit before starting them", g.active))
	}
	if n < 0 {
		g.sem = nil
		return
	}
	g.sem = make(chan struct{}, n)
}

// GoIn starts fn as a task of the group g and returns its future. fn gets the
// group's context. With a limit (SetLimit), GoIn first waits until fewer
// than that many of the group's tasks run. After Wait returned, or once a
// task failed, or the group's context ended (also while GoIn waits for
// room), GoIn starts nothing and returns a future already failed with
// ErrGroupDone.
func GoIn[T any](g *Group, fn func(context.Context) (T, error)) *Future[T] {
	g.lock()
	if g.finished || g.aborting {
		g.mu.Unlock()
		return groupDone[T]()
	}
	sem, ctx := g.sem, g.ctx
	g.active++
	g.mu.Unlock()
	if sem != nil && !g.acquire(ctx, sem) {
		g.taskDone(true, nil)
		return groupDone[T]()
	}
	f := Go(ctx, fn)
	f.Watch(&groupTask[T]{g: g, f: f, sem: sem})
	return f
}

// groupTask follows one of the group's tasks: its Watcher, one small
// allocation where a closure and its stop function would be two.
type groupTask[T any] struct {
	g   *Group
	f   *Future[T]
	sem chan struct{}
}

func (w *groupTask[T]) FutureDone() {
	w.g.taskDone(w.f.Cancelled(), w.f.Err()) // first: a GoIn given this room sees the failure
	if w.sem != nil {
		<-w.sem
	}
}

// acquire waits for room under the group's limit. It reports false if the
// group's context ended, or a task failed, first.
func (g *Group) acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	g.mu.Lock()
	ok := !g.aborting && ctx.Err() == nil
	g.mu.Unlock()
	if !ok {
		<-sem
	}
	return ok
}

// groupDone returns a future failed with ErrGroupDone.
func groupDone[T any]() *Future[T] {
	f := New[T]()
	_ = f.SetError(ErrGroupDone)
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

// Wait waits until every task of the group is done, then returns the
// failures (see Group). Tasks may start more tasks while Wait waits. After
// Wait the group's context is cancelled and GoIn starts nothing.
func (g *Group) Wait() error {
	g.lock()
	for g.active > 0 {
		g.idle.Wait()
	}
	g.finished = true
	errs := g.errs
	g.mu.Unlock()
	g.cancel(nil)
	switch len(errs) {
	case 0:
		return g.parent.Err()
	case 1:
		return errs[0] // the failure itself, as errgroup returns it
	default:
		return errors.Join(errs...)
	}
}
