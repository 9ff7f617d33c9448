package main

import (
	"os"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/internal/proctest"
)

// serving is the log line that says where the server listens: its port.
var serving = regexp.MustCompile(`^Serving on \('127\.0\.0\.1', (\d+)\)\. Hit CTRL-C to stop\.$`)

// TestProcessSIGTERM runs the command as a process, queries it, and stops it
// with SIGTERM, as an init system would.
func TestProcessSIGTERM(t *testing.T) {
	t.Parallel()
	cmd, lines := proctest.Start(t, envRunMain, "127.0.0.1", "0")
	require.True(t, lines.Scan())
	require.Equal(t, "Building index.", lines.Text())
	addr := "127.0.0.1:" + proctest.Await(t, lines, serving)

	ts := &testServer{addr: addr, log: newLogSink()}
	c := ts.dial(t)
	c.expectPrompt()
	results, _ := c.query("rook")
	require.Len(t, results, 14)
	c.send("\r\n")
	c.expectPrompt()

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Equal(t, "\r\nServer shutting down.\r\n", c.rest())
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	require.NoError(t, proctest.Exit(t, cmd, 20*time.Second), "exit status")
	require.Equal(t, []string{
		" From " + c.name + ": 'rook'",
		"   To " + c.name + ": 14 results.",
		" From " + c.name + ": ''",
		"Close " + c.name + ".",
		"Server shut down.",
	}, rest)
}

// TestProcessSecondSignal: while the graceful shutdown waits for an answer
// a stalled client does not read (up to -write-timeout), a second SIGINT
// ends the process at once, as a user pressing Ctrl-C again expects.
func TestProcessSecondSignal(t *testing.T) {
	t.Parallel()
	cmd, lines := proctest.Start(t, envRunMain, "-write-timeout", "10m", "127.0.0.1", "0")
	addr := "127.0.0.1:" + proctest.Await(t, lines, serving)
	proctest.Drain(lines)

	ts := &testServer{addr: addr, log: newLogSink()}
	idle := ts.dial(t)
	idle.expectPrompt()
	stalled := ts.dial(t)
	stalled.conn.SetReadBuffer(4 << 10)
	stalled.expectPrompt()
	stalled.send("cjk\r\n") // 98,263 lines, never read: the answer stalls

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	require.Equal(t, "\r\nServer shutting down.\r\n", idle.rest()) // the shutdown has begun
	proctest.RequireEndedBySignal(t, cmd, syscall.SIGINT, 10*time.Second)
}
