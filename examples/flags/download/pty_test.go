package download

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
	"golang.org/x/term"
)

// TestProgressBarOnPty draws the bar on a real pseudo-terminal, as a user's
// terminal would see it: on standard error, within the terminal's width, up
// to 194/194; standard output gets only the reports.
func TestProgressBarOnPty(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	require.NoError(t, pty.Setsize(tty, &pty.Winsize{Rows: 24, Cols: 80}))
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		_, _ = io.Copy(&screen, ptmx) // until tty is closed
	}()

	var out bytes.Buffer
	env := Env{Stdout: &out, Stderr: tty, Dir: t.TempDir(), Terminal: term.IsTerminal(int(tty.Fd()))}
	require.True(t, env.Terminal)
	code := Main(context.Background(), flags2, []string{"-a", "-m", "20"}, env)
	require.NoError(t, tty.Close())
	<-read
	require.Equal(t, 0, code)
	require.Contains(t, out.String(), "194 flags downloaded.")
	drawn := screen.String()
	require.Contains(t, drawn, "194/194")
	for _, line := range strings.Split(drawn, "\n") {
		for _, frame := range strings.Split(line, "\r") {
			require.LessOrEqual(t, len([]rune(strings.TrimPrefix(frame, "\x1b[1A\x1b[J"))), 80, "fits the terminal: %q", frame)
		}
	}
}
