package future

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// Cancel on a queued task closes its Done channel before the task gives its
// room in a bounded queue back: a goroutine that sees the task done and
// submits at once may find the queue still full (TrySubmit false) although
// nothing waits in it. The end of Submit's ctx gives the room back first.
func TestCancelReleasesRoomBeforeDone(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	ex := NewExecutor(1, QueueSize(1))
	defer ex.Close()
	block := make(chan struct{})
	defer close(block)
	running := Submit(context.Background(), ex, func(context.Context) (int, error) { <-block; return 0, nil })
	for running.State() != Running {
		runtime.Gosched()
	}
	full := 0
	for range 2000 {
		a := Submit(context.Background(), ex, func(context.Context) (int, error) { return 0, nil })
		got := make(chan bool)
		go func() {
			<-a.Done()
			b, ok := TrySubmit(context.Background(), ex, func(context.Context) (int, error) { return 0, nil })
			if ok {
				b.Cancel()
			}
			got <- ok
		}()
		a.Cancel()
		if !<-got {
			full++
		}
	}
	require.Zero(t, full, "TrySubmit found the queue full just after the only queued task was cancelled (%d of 2000)", full)
}

// A bounded queue's room comes back before the future of a task that left
// it is seen done, whichever way it left: Cancel, or the end of its ctx.
func TestRoomBackBeforeDoneEitherWay(t *testing.T) {
	for _, how := range []string{"cancel", "ctx"} {
		t.Run(how, func(t *testing.T) {
			for range 200 {
				ex := NewExecutor(1, QueueSize(1))
				block := make(chan struct{})
				started := make(chan struct{})
				running := Submit(context.Background(), ex, func(context.Context) (int, error) {
					close(started)
					<-block
					return 0, nil
				})
				<-started
				ctx, cancel := context.WithCancel(context.Background())
				queued := Submit(ctx, ex, func(context.Context) (int, error) { return 1, nil })
				_, ok := TrySubmit(context.Background(), ex, func(context.Context) (int, error) { return 2, nil })
				require.False(t, ok, "the queue holds one")
				if how == "cancel" {
					queued.Cancel()
				} else {
					cancel()
				}
				<-queued.Done()
				f, ok := TrySubmit(context.Background(), ex, func(context.Context) (int, error) { return 2, nil })
				require.True(t, ok, "the room of the task that left (%v) is back", queued)
				close(block)
				v, err := f.Result(context.Background())
				require.NoError(t, err)
				require.Equal(t, 2, v)
				cancel()
				_, _ = running.Result(context.Background())
				require.NoError(t, ex.Close())
			}
		})
	}
}
