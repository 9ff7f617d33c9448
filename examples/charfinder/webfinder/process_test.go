package main

import (
	"net"
	"os"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/internal/proctest"
)

// serving is the log line that says where the server listens: its address.
var serving = regexp.MustCompile(`^Serving on http://(127\.0\.0\.1:\d+)/\. Hit CTRL-C to stop\.$`)

// TestProcessSIGINT runs the command as a process, queries it, and stops it
// with SIGINT, as Ctrl-C does.
func TestProcessSIGINT(t *testing.T) {
	t.Parallel()
	cmd, lines := proctest.Start(t, envRunMain, "127.0.0.1", "0")
	base := "http://" + proctest.Await(t, lines, serving)
	_, body := get(t, base+"/search?q=chess+black+turned+rook")
	require.Equal(t, `[{"char":"🨦","name":"BLACK CHESS TURNED ROOK","code":"U+1FA26"}]`, body)

	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	var last string
	for lines.Scan() {
		last = lines.Text()
	}
	require.NoError(t, proctest.Exit(t, cmd, 20*time.Second), "exit status")
	require.Equal(t, "Server shut down.", last)
}

// TestProcessSecondSignal: while the graceful shutdown waits for a response
// a stalled client does not read (up to shutdownGrace), a second SIGINT ends
// the process at once, as a user pressing Ctrl-C again expects.
func TestProcessSecondSignal(t *testing.T) {
	t.Parallel()
	cmd, lines := proctest.Start(t, envRunMain, "-max-results", "200000", "127.0.0.1", "0")
	addr := proctest.Await(t, lines, serving)
	proctest.Drain(lines)

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
	proctest.RequireEndedBySignal(t, cmd, syscall.SIGINT, shutdownGrace/2)
}
