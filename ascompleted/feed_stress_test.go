package ascompleted

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
)

// Producers holding the feed open add futures completed at random by other
// goroutines, while the loop may break, or its ctx end, at any moment.
// Every future whose Add returned nil is yielded exactly once, or counted in
// the final UnfinishedError; none is yielded before it is done.
func TestFeedStress(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	for round, deadline := 0, time.Now().Add(stressFor(time.Second)); time.Now().Before(deadline); round++ {
		feed := NewFeed[int]()
		ctx, cancel := context.WithCancel(context.Background())
		var completers sync.WaitGroup
		var nAccepted atomic.Int64
		var producers sync.WaitGroup
		for range 4 {
			release := feed.Hold()
			producers.Add(1)
			go func() {
				defer producers.Done()
				defer release()
				for range rand.IntN(50) {
					f := future.New[int]()
					if rand.IntN(3) == 0 {
						_ = f.SetResult(1)
					} else {
						completers.Add(1)
						go func() { defer completers.Done(); runtime.Gosched(); _ = f.SetResult(2) }()
					}
					if err := feed.Add(f); err == nil {
						nAccepted.Add(1)
					} else {
						require.ErrorIs(t, err, ErrClosed)
						return
					}
				}
			}()
		}
		stopAt := rand.IntN(200)
		if round%3 == 0 {
			go func() { time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond); cancel() }()
		}
		yielded, unfinished, broke := 0, 0, false
		seen := map[*future.Future[int]]bool{}
		for f, err := range feed.All(ctx) {
			if err != nil {
				var ue *UnfinishedError
				require.True(t, errors.As(err, &ue))
				unfinished = ue.Unfinished
				continue
			}
			require.True(t, f.IsDone(), "round %d: yielded before done", round)
			require.False(t, seen[f], "round %d: yielded twice", round)
			seen[f] = true
			if yielded++; yielded == stopAt {
				broke = true
				break
			}
		}
		producers.Wait()
		completers.Wait()
		cancel()
		if !broke {
			require.EqualValues(t, nAccepted.Load(), yielded+unfinished, "round %d: accepted futures lost", round)
		}
	}
}

// stressFor is how long a stress test runs: normal, 15 s with TULIP_STRESS,
// or TULIP_STRESS_DUR.
func stressFor(normal time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv("TULIP_STRESS_DUR")); err == nil {
		return v
	}
	if os.Getenv("TULIP_STRESS") != "" {
		return 15 * time.Second
	}
	return normal
}
