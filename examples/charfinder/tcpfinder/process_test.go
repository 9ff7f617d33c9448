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

// TestProcessSecondSignal: while the graceful shutdown waits for an answer
// a stalled client does not read (up to -write-timeout), a second SIGINT
// ends the process at once, as a user pressing Ctrl-C again expects.
func TestProcessSecondSignal(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-write-timeout", "10m", "127.0.0.1", "0")
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	var addr string
	serving := regexp.MustCompile(`^Serving on \('127\.0\.0\.1', (\d+)\)\. Hit CTRL-C to stop\.$`)
	for addr == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			addr = "127.0.0.1:" + m[1]
		}
	}
	require.NotEmpty(t, addr, "no Serving line")
	go func() { // drain the log, so the server never blocks on it
		for lines.Scan() {
		}
	}()

	ts := &testServer{addr: addr, log: newLogSink()}
	idle := ts.dial(t)
	idle.expectPrompt()
	stalled := ts.dial(t)
	stalled.conn.SetReadBuffer(4 << 10)
	stalled.expectPrompt()
	stalled.send("cjk\r\n") // 98,263 lines, never read: the answer stalls

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	require.Equal(t, "\r\nServer shutting down.\r\n", idle.rest()) // the shutdown has begun
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case err := <-done:
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			ws := ee.Sys().(syscall.WaitStatus)
			require.True(t, ws.Signaled() && ws.Signal() == syscall.SIGINT, "ended by the second SIGINT, not %v", err)
			return
		case <-tick.C:
			cmd.Process.Signal(os.Interrupt)
		case <-deadline:
			t.Fatal("a second SIGINT did not end the process")
		}
	}
}
