package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestProcessSIGTERM runs the command as a process, queries it, and stops it
// with SIGTERM, as an init system would.
func TestProcessSIGTERM(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "127.0.0.1", "0")
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	lines := bufio.NewScanner(stderr)
	require.True(t, lines.Scan())
	require.Equal(t, "Building index.", lines.Text())
	var addr string
	serving := regexp.MustCompile(`^Serving on \('127\.0\.0\.1', (\d+)\)\. Hit CTRL-C to stop\.$`)
	for addr == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			addr = "127.0.0.1:" + m[1]
		}
	}
	require.NotEmpty(t, addr, "no Serving line")

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
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "exit status")
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	require.Equal(t, []string{
		" From " + c.name + ": 'rook'",
		"   To " + c.name + ": 14 results.",
		" From " + c.name + ": ''",
		"Close " + c.name + ".",
		"Server shut down.",
	}, rest)
}
