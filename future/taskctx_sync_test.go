package future

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// startKind runs fn under parent as a task of the given kind and returns
// how to cancel it and how to wait for it. "WithCancel" is the reference:
// what the task's context replaced, context.WithCancel(parent) with cancel
// called by Cancel and when fn returns.
func startKind(t *testing.T, kind string, ex *Executor, parent context.Context, fn func(context.Context) (int, error)) (cancel func(), wait func() error) {
	switch kind {
	case "Go", "Submit":
		var f *Future[int]
		if kind == "Go" {
			f = Go(parent, fn)
		} else {
			f = Submit(parent, ex, fn)
		}
		return func() { require.True(t, f.Cancel()) }, func() error { _, err := f.Result(context.Background()); return err }
	default:
		ctx, c := context.WithCancel(parent)
		errs := make(chan error, 1)
		go func() { defer c(); _, err := fn(ctx); errs <- err }()
		return c, func() error { return <-errs }
	}
}

// With context.WithCancel(parent), the standard library cancels a derived
// context (context.WithCancel, WithTimeout, ... of the function's context)
// synchronously: when cancel() returns, every std context below it has Err
// != nil and a closed Done. A task's context must do the same when
// Future.Cancel returns (its inner context is those contexts' parent), so
// that code that cancels a task and then looks at a context the task
// derived (sub.Err(), a non-blocking select on sub.Done()) sees it ended.
// The "WithCancel" subtests are the reference.
func TestDerivedEndsWhenCancelReturns(t *testing.T) {
	for _, kind := range []string{"WithCancel", "Go", "Submit"} {
		for _, cancellable := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/cancellableParent=%v", kind, cancellable), func(t *testing.T) {
				parent := context.Background()
				if cancellable {
					p, cancel := context.WithCancel(parent)
					defer cancel()
					parent = p
				}
				ex := NewExecutor(2)
				defer ex.Shutdown()
				live := 0
				const rounds = 200
				for range rounds {
					subs := make(chan context.Context, 1)
					cancel, wait := startKind(t, kind, ex, parent, func(ctx context.Context) (int, error) {
						sub, cancel := context.WithCancel(ctx)
						defer cancel()
						subs <- sub
						<-ctx.Done()
						return 0, ctx.Err()
					})
					sub := <-subs
					cancel()
					if sub.Err() == nil { // with context.WithCancel: never
						live++
					}
					require.ErrorIs(t, wait(), context.Canceled)
				}
				require.Zero(t, live, "of %d rounds, a context derived from the task's was still live after Cancel returned", rounds)
			})
		}
	}
}

// The same for the end of the parent: when the parent's cancel returns, the
// task's context (whose Done was asked for before) and everything derived
// from it are done, as a cancelCtx parent cancels its children
// synchronously.
func TestTaskDoneClosedWhenParentCancelReturns(t *testing.T) {
	for _, kind := range []string{"WithCancel", "Go", "Submit"} {
		t.Run(kind, func(t *testing.T) {
			ex := NewExecutor(2)
			defer ex.Shutdown()
			var openDone, liveSub int
			const rounds = 200
			for range rounds {
				parent, cancelParent := context.WithCancelCause(context.Background())
				type got struct {
					done <-chan struct{}
					sub  context.Context
				}
				gots := make(chan got, 1)
				_, wait := startKind(t, kind, ex, parent, func(ctx context.Context) (int, error) {
					sub, cancel := context.WithTimeout(ctx, 1<<40)
					defer cancel()
					gots <- got{ctx.Done(), sub}
					<-ctx.Done()
					return 0, ctx.Err()
				})
				g := <-gots
				cancelParent(errors.New("shutdown"))
				select {
				case <-g.done:
				default: // with context.WithCancel(parent): never
					openDone++
				}
				if g.sub.Err() == nil { // with context.WithCancel(parent): never
					liveSub++
				}
				require.ErrorIs(t, wait(), context.Canceled)
			}
			require.Zero(t, openDone, "of %d rounds, the task context's Done was open after the parent's cancel returned", rounds)
			require.Zero(t, liveSub, "of %d rounds, a context derived from the task's was live after the parent's cancel returned", rounds)
		})
	}
}
