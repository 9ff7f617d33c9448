package main

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestProcessSIGINT runs the command as a process, queries it, and stops it
// with SIGINT, as Ctrl-C does.
func TestProcessSIGINT(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "127.0.0.1", "0")
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	lines := bufio.NewScanner(stderr)
	var base string
	serving := regexp.MustCompile(`^Serving on (http://127\.0\.0\.1:\d+)/\. Hit CTRL-C to stop\.$`)
	for base == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	require.NotEmpty(t, base, "no Serving line")
	_, body := get(t, base+"/search?q=chess+black+turned+rook")
	require.Equal(t, `[{"char":"🨦","name":"BLACK CHESS TURNED ROOK","code":"U+1FA26"}]`, body)

	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	var last string
	for lines.Scan() {
		last = lines.Text()
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "exit status")
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after SIGINT")
	}
	require.Equal(t, "Server shut down.", last)
}

// TestProcessSecondSignal: while the graceful shutdown waits for a response
// a stalled client does not read (up to shutdownGrace), a second SIGINT ends
// the process at once, as a user pressing Ctrl-C again expects.
func TestProcessSecondSignal(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-max-results", "200000", "127.0.0.1", "0")
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	var addr string
	serving := regexp.MustCompile(`^Serving on http://(127\.0\.0\.1:\d+)/\. Hit CTRL-C to stop\.$`)
	for addr == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
		}
	}
	require.NotEmpty(t, addr, "no Serving line")
	go func() { // drain the log, so the server never blocks on it
		for lines.Scan() {
		}
	}()

	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	_, err = c.Write([]byte("GET /search?q=cjk HTTP/1.1\r\nHost: x\r\n\r\n")) // megabytes, never read
	require.NoError(t, err)
	b := make([]byte, 1)
	_, err = c.Read(b) // the response has begun
	require.NoError(t, err)

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	for { // the shutdown has begun once the listener is closed
		d, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		d.Close()
		time.Sleep(10 * time.Millisecond)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(shutdownGrace / 2)
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
