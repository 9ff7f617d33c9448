package future

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Queued tasks whose Cancel races the end of their ctx, a worker taking
// them and (a third of the rounds) a Shutdown with CancelPending: every
// future ends, the room comes back, and once Close has returned, Stats add
// up (Submitted == Completed + Failed + Cancelled, nothing queued). The
// end of a ctx withdraws its task in context.AfterFunc's goroutine; Wait
// used to return before that goroutine had counted it (see withdrawals).
func TestQueuedCancelRacesParentEnd(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	deadline := time.Now().Add(raceFor())
	rounds, bad := 0, 0
	for round := 0; time.Now().Before(deadline); round++ {
		rounds++
		const n = 16
		ex := NewExecutor(1+round%2, QueueSize(n))
		block := make(chan struct{})
		var fs []*Future[int]
		var cancels []context.CancelFunc
		for i := range n {
			ctx, cancel := context.WithCancel(context.Background())
			cancels = append(cancels, cancel)
			fs = append(fs, Submit(ctx, ex, func(ctx context.Context) (int, error) {
				if i < 2 {
					<-block
				}
				return i, nil
			}))
		}
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { cancels[i]() })
			wg.Go(func() { fs[i].Cancel() })
		}
		if round%3 == 0 {
			wg.Go(func() { ex.Shutdown(CancelPending()) })
		}
		close(block)
		wg.Wait()
		for i, f := range fs {
			select {
			case <-f.Done():
			case <-time.After(5 * time.Second):
				t.Fatalf("round %d: task %d never ends: %v", round, i, f)
			}
		}
		require.NoError(t, ex.Close())
		require.Zero(t, len(ex.room), "round %d: room not given back", round)
		st := ex.Stats()
		require.EqualValues(t, n, st.Submitted, "round %d", round)
		if st.Submitted != st.Completed+st.Failed+st.Cancelled || st.Queued != 0 {
			bad++
			stale := ex.stale.Load()
			time.Sleep(10 * time.Millisecond)
			later := ex.Stats()
			t.Errorf("round %d: after Close, %+v (stale %d); 10ms later, %+v (stale %d)",
				round, st, stale, later, ex.stale.Load())
			if bad >= 3 {
				break
			}
		}
	}
	t.Logf("%d rounds, %d with Stats not adding up after Close", rounds, bad)
}
