package future

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Cancel on a task it finds Running cancels fn's context, and the outcome
// follows fn: fn runs, even when the Cancel lands between the task's switch
// to Running and its look at the parent (start once looked at its own,
// already ended, context there, and skipped fn).
func TestCancelOnRunningTaskRunsFn(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	deadline := time.Now().Add(raceFor())
	rounds, hits := 0, 0
	for ; time.Now().Before(deadline); rounds++ {
		var ran atomic.Bool
		f := Go(context.Background(), func(context.Context) (int, error) {
			ran.Store(true)
			return 42, nil // declines any cancellation
		})
		for f.State() == Pending {
		}
		if f.State() != Running {
			continue
		}
		if !f.Cancel() {
			continue // finished first
		}
		_, _ = f.Result(context.Background())
		if !ran.Load() {
			hits++
			t.Errorf("round %d: Cancel saw the task Running, yet fn never ran: %v", rounds, f)
			if hits > 3 {
				break
			}
		}
	}
	t.Logf("%d rounds, %d with fn skipped", rounds, hits)
}

// Cancel, the parent's end and every kind of waiter race a task's start and
// its function (which sleeps, asks for Done, derives a child, calls Goexit
// or panics): no waiter hangs, every waiter sees the same outcome, and an
// outcome of Cancelled comes only from a Cancel or the parent's end.
func TestTaskStartRaces(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	deadline := time.Now().Add(raceFor())
	for round := 0; time.Now().Before(deadline); round++ {
		parent, cancelParent := context.WithCancelCause(context.Background())
		boom := errors.New("boom")
		kind := round % 6
		f := Go(parent, func(ctx context.Context) (int, error) {
			switch kind {
			case 0:
				return 1, Sleep(ctx, time.Hour)
			case 1:
				<-ctx.Done()
				return 0, context.Cause(ctx)
			case 2:
				c, cancel := context.WithCancel(ctx)
				defer cancel()
				<-c.Done()
				return 0, c.Err()
			case 3:
				runtime.Goexit()
			case 4:
				panic(boom)
			}
			return 5, nil
		})
		var wg sync.WaitGroup
		outcomes := make(chan string, 4)
		wait := func(ctx context.Context) {
			defer wg.Done()
			v, err := f.Result(ctx)
			outcomes <- fmt.Sprint(v, errors.Is(err, ErrCancelled), errors.Is(err, ErrGoexit), err != nil)
		}
		wg.Add(3)
		go wait(context.Background())
		go wait(parent) // may end first: then it reports the parent's end
		go func() { defer wg.Done(); <-f.Done() }()
		cancelled := round%3 != 0
		if cancelled {
			if round%2 == 0 {
				runtime.Gosched()
			}
			f.Cancel()
		}
		if round%4 == 0 || kind <= 2 && !cancelled {
			cancelParent(boom)
		}
		waited := make(chan struct{})
		go func() { wg.Wait(); close(waited) }()
		select {
		case <-waited:
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d (kind %d): a waiter hangs on %v", round, kind, f)
		}
		close(outcomes)
		v, err := f.TryResult()
		first := fmt.Sprint(v, errors.Is(err, ErrCancelled), errors.Is(err, ErrGoexit), err != nil)
		for o := range outcomes {
			if o != first && !strings.HasPrefix(o, "0 false false true") { // Result(parent) may time out
				t.Fatalf("round %d: a waiter saw %q, the future says %q", round, o, first)
			}
		}
		switch kind {
		case 3:
			require.True(t, errors.Is(err, ErrGoexit) || f.Cancelled(), "%v", f)
		case 4:
			var pe *PanicError
			require.True(t, errors.As(err, &pe) || f.Cancelled(), "%v", f)
		}
		cancelParent(nil)
	}
}

// raceFor is how long a race test here runs: a quarter of a second, or
// stressFor's duration when TULIP_STRESS or TULIP_STRESS_DUR asks for more.
func raceFor() time.Duration {
	if stress() || os.Getenv("TULIP_STRESS_DUR") != "" {
		return stressFor()
	}
	return 250 * time.Millisecond
}
