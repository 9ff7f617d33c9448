package spinner

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// gate is a writer that blocks every write until released (Ctrl-S, a full
// pipe).
type gate struct {
	entered chan struct{}
	release chan struct{}
}

func (g *gate) Write(p []byte) (int, error) {
	select {
	case g.entered <- struct{}{}:
	default:
	}
	<-g.release
	return len(p), nil
}

// Update never waits for the writer, in either mode: a worker reporting
// progress is never held up by a blocked terminal. (Real time, not synctest:
// a goroutine stuck on a mutex is not durably blocked. The timeout only turns
// a hang into a failure.)
func TestUpdateNeverBlocksOnWriter(t *testing.T) {
	for _, terminal := range []bool{true, false} {
		g := &gate{entered: make(chan struct{}, 1), release: make(chan struct{})}
		s := Start(context.Background(), "x", WithWriter(g), WithTerminal(terminal), WithWidth(80))
		<-g.entered // the drawing goroutine is stuck in its first write
		done := make(chan struct{})
		go func() {
			defer close(done)
			for i := range 100 {
				s.Update(string(rune('a' + i%26)))
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("terminal=%v: Update blocked on the writer", terminal)
		}
		close(g.release)
		s.Stop()
		require.Equal(t, string(rune('a'+99%26)), s.Message())
	}
}
