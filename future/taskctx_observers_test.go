package future

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Readers of a task's context, on other
// goroutines, while Cancel, the parent's end (with a cause) and the
// function's return race, with more goroutines than cores. What a
// context.WithCancel(parent) guarantees must hold at every observation:
// Err once non-nil never changes; Done is closed once Err is non-nil, and
// Err is non-nil once Done is closed; Cause is nil while Err is, then one
// value for good, Canceled or the parent's cause; a Sleep returns the Err.
// Results on many goroutines (parked: Background; or watching a
// cancellable context) all get the one outcome.
func TestTaskContextObservers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(8, 4*runtime.NumCPU())))
	boom := errors.New("boom")
	deadline := time.Now().Add(time.Second) // 20 s under TULIP_STRESS, which CI sets
	if stress() {
		deadline = time.Now().Add(20 * time.Second)
	}
	ex := NewExecutor(4)
	defer ex.Shutdown()
	for round := 0; time.Now().Before(deadline); round++ {
		parent, cancelParent := context.WithCancelCause(context.Background())
		ctxs := make(chan context.Context, 1)
		release := make(chan struct{})
		fn := func(ctx context.Context) (int, error) {
			ctxs <- ctx
			if round%2 == 0 {
				<-release
			}
			if round%3 == 0 {
				_ = Sleep(ctx, time.Duration(round%5)*time.Microsecond)
			}
			return round, ctx.Err()
		}
		var f *Future[int]
		if round%4 == 3 {
			f = Submit(parent, ex, fn)
		} else {
			f = Go(parent, fn)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		goRun := func(g func() error) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := g(); err != nil {
					errs <- err
				}
			}()
		}
		// Waiters, started before the task may have run.
		outcomes := make(chan string, 6)
		for i := range cap(outcomes) {
			goRun(func() error {
				w := context.Background()
				if i%2 == 1 {
					var c context.CancelFunc
					w, c = context.WithTimeout(w, time.Minute)
					defer c()
				}
				v, err := f.Result(w)
				outcomes <- fmt.Sprint(v, err)
				return nil
			})
		}
		// Enders.
		goRun(func() error { runtime.Gosched(); f.Cancel(); return nil })
		goRun(func() error {
			for range round % 3 {
				runtime.Gosched()
			}
			cancelParent(boom)
			return nil
		})
		var ctx context.Context
		select {
		case ctx = <-ctxs:
		case <-f.Done(): // cancelled before it ran
		}
		if ctx != nil {
			for i := range 4 {
				goRun(func() error {
					var firstErr, firstCause error
					if i%2 == 0 {
						_ = ctx.Done() // some readers make the Done channel early
					}
					for range 200 {
						early := context.Cause(ctx)
						err := ctx.Err()
						if err == nil && early != nil {
							return fmt.Errorf("Cause %v, then Err nil", early)
						}
						if err != nil {
							cause := context.Cause(ctx) // ended: for good
							select {
							case <-ctx.Done():
							default:
								return fmt.Errorf("Err %v but Done open", err)
							}
							if cause != context.Canceled && cause != boom {
								return fmt.Errorf("Cause %v", cause)
							}
							if firstErr == nil {
								firstErr, firstCause = err, cause
							} else if err != firstErr || cause != firstCause {
								return fmt.Errorf("Err/Cause changed: %v/%v, then %v/%v", firstErr, firstCause, err, cause)
							}
						}
						select {
						case <-ctx.Done():
							if ctx.Err() == nil {
								return errors.New("Done closed but Err nil")
							}
						default:
						}
						runtime.Gosched()
					}
					return nil
				})
			}
			goRun(func() error {
				err := Sleep(ctx, time.Hour)
				if got := ctx.Err(); err != got {
					return fmt.Errorf("Sleep returned %v, Err %v", err, got)
				}
				return nil
			})
			goRun(func() error {
				sub, c := context.WithCancelCause(ctx)
				defer c(nil)
				<-sub.Done()
				if cs := context.Cause(sub); cs != context.Cause(ctx) {
					return fmt.Errorf("derived Cause %v, task's %v", cs, context.Cause(ctx))
				}
				return nil
			})
		}
		close(release)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err, "round %d", round)
		}
		first := <-outcomes
		for range cap(outcomes) - 1 {
			require.Equal(t, first, <-outcomes, "round %d", round)
		}
	}
}
