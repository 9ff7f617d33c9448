package future

import (
	"context"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// A lost wake-up in Sleep does not hang in a
// synctest bubble, it shows as fake time: the Sleep that missed Cancel
// waits its full hour. Cancel (and the parent's end) race the start and the
// end of Sleeps of a task, one or two at once, with more goroutines than
// cores; no task may sleep its hour.
func TestSleepNoLostWakeupInFakeTime(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(8, 4*runtime.NumCPU())))
	rounds := 400
	if stress() {
		rounds = 20_000
	}
	for round := range rounds {
		synctest.Test(t, func(t *testing.T) {
			parent, cancelParent := context.WithCancel(context.Background())
			defer cancelParent()
			ctxOf := context.Background()
			if round%2 == 1 {
				ctxOf = parent
			}
			start := time.Now()
			second := make(chan struct{})
			if round%3 != 0 {
				close(second)
			}
			ran := make(chan struct{})
			f := Go(ctxOf, func(ctx context.Context) (int, error) {
				close(ran)
				if round%3 == 0 {
					go func() { _ = Sleep(ctx, time.Hour); close(second) }() // a second sleeper
				}
				for i := range round % 4 {
					_ = Sleep(ctx, time.Duration(i)) // short Sleeps: the wake-up taken and given back
				}
				return 0, Sleep(ctx, time.Hour)
			})
			for range round % 11 {
				runtime.Gosched()
			}
			if round%2 == 1 && round%5 == 0 {
				cancelParent()
			} else {
				f.Cancel()
			}
			_, err := f.Result(context.Background())
			require.ErrorIs(t, err, ErrCancelled)
			select {
			case <-ran:
				<-second
			default: // cancelled before it started
			}
			require.Less(t, time.Since(start), time.Hour, "round %d: a Sleep missed its wake-up", round)
		})
	}
}
