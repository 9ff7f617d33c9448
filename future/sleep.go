package future

import (
	"context"
	"time"
)

// Sleep pauses the calling goroutine for d, or until ctx ends, whichever
// comes first: asyncio.sleep, cancellable. It returns nil after the full
// pause and ctx.Err() if ctx ended first (at once if it already had). A d of
// zero or less returns at once, with ctx.Err().
//
// Use it instead of time.Sleep in a task: time.Sleep cannot be interrupted,
// so a task sleeping in it ignores Cancel and the end of its context until
// it wakes, as does a task busy in a loop that never looks at ctx.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	done := ctx.Done()
	if done == nil {
		time.Sleep(d)
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-done:
		return ctx.Err()
	}
}
