package spinner

import (
	"bytes"
	"context"
	"io"
	"log"
	"strings"
	"testing"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
)

// On a real pseudo-terminal, with nothing forced: the spinner detects the
// terminal on its writer, asks it for its width (40 columns), never draws
// past it, and log lines written through it land above its line.
func TestRealTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	defer ptmx.Close()
	require.NoError(t, pty.Setsize(tty, &pty.Winsize{Rows: 10, Cols: 40}))
	var got bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		_, _ = io.Copy(&got, ptmx) // until the terminal is closed
	}()

	s := Start(context.Background(), "deploying "+strings.Repeat("🚀", 30), WithWriter(tty), withGetenv(func(string) string { return "" }))
	l := log.New(s, "", 0)
	l.Printf("progress %d", 1)
	s.Update("deploying " + strings.Repeat("✅", 30))
	l.Printf("progress %d", 2)
	s.Success("deployed")
	require.NoError(t, s.Err())
	require.NoError(t, tty.Close())
	<-read

	out := got.String()
	require.Contains(t, out, "\r\x1b[K", "terminal mode was detected")
	for _, frame := range strings.Split(out, "\r") {
		if strings.HasSuffix(frame, clearEOL) && len(frame) > len(clearEOL) {
			checkFrame(t, "\r"+frame, 40)
		}
	}
	// What stays on the screen once the frames are cleared: the log lines,
	// then the final line (the terminal turns "\n" into "\r\n").
	var lines []string
	for _, l := range strings.Split(out, "\r\n") {
		if i := strings.LastIndex(l, "\r\x1b[K"); i >= 0 {
			l = l[i+len("\r\x1b[K"):]
		}
		lines = append(lines, l)
	}
	require.Equal(t, []string{"progress 1", "progress 2", "deployed", ""}, lines, "%q", out)
}
