package main

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// fullIndex is built once for all tests.
var fullIndex = sync.OnceValue(func() *index.Index { return index.New() })

// logSink collects the server's log lines and lets a test wait for one. It
// records the number of writes too.
type logSink struct {
	mu      sync.Mutex
	lines   []string
	writes  int
	changed chan struct{} // closed and replaced on every write
}

func newLogSink() *logSink { return &logSink{changed: make(chan struct{})} }

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes++
	l.lines = append(l.lines, strings.Split(strings.TrimSuffix(string(p), "\n"), "\n")...)
	close(l.changed)
	l.changed = make(chan struct{})
	return len(p), nil
}

func (l *logSink) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// waitFor blocks until a line equal to want has been logged (or fails the
// test after 10 s, so a bug cannot hang it).
func (l *logSink) waitFor(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		l.mu.Lock()
		ch := l.changed
		for _, line := range l.lines {
			if line == want {
				l.mu.Unlock()
				return
			}
		}
		l.mu.Unlock()
		select {
		case <-ch:
		case <-timeout:
			t.Fatalf("log line %q never came; log:\n%s", want, strings.Join(l.all(), "\n"))
		}
	}
}

// testServer is a server on a loopback port.
type testServer struct {
	addr   string
	log    *logSink
	cancel context.CancelFunc
	done   chan error
}

func startServer(t *testing.T, lim limits) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{addr: ln.Addr().String(), log: newLogSink(), cancel: cancel, done: make(chan error, 1)}
	srv := newServer(fullIndex(), log.New(ts.log, "", 0), lim)
	go func() { ts.done <- srv.serve(ctx, ln) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// stop shuts the server down and waits for it; it may be called twice.
func (ts *testServer) stop(t *testing.T) {
	t.Helper()
	ts.cancel()
	if ts.done == nil {
		return
	}
	select {
	case err := <-ts.done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
	ts.done = nil
}

// client is one test connection.
type client struct {
	t    *testing.T
	conn *net.TCPConn
	r    *bufio.Reader
	name string // the peer as the server logs it
}

func (ts *testServer) dial(t *testing.T) *client {
	t.Helper()
	c, err := net.Dial("tcp", ts.addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(20 * time.Second)) // a bug fails the test, not hangs it
	return &client{t: t, conn: c.(*net.TCPConn), r: bufio.NewReader(c), name: pyAddr(c.LocalAddr())}
}

// dialErr dials without failing the test.
func (ts *testServer) dialErr() (net.Conn, error) {
	c, err := net.DialTimeout("tcp", ts.addr, 5*time.Second)
	if err == nil {
		c.Close()
	}
	return c, err
}

func (c *client) send(s string) {
	c.t.Helper()
	_, err := io.WriteString(c.conn, s)
	require.NoError(c.t, err)
}

// expectPrompt reads the prompt.
func (c *client) expectPrompt() {
	c.t.Helper()
	buf := make([]byte, len(prompt))
	_, err := io.ReadFull(c.r, buf)
	require.NoError(c.t, err)
	require.Equal(c.t, prompt, string(buf))
}

// answer reads one answer: the result lines and the status line, CRLF
// stripped, checking every line ends in CRLF.
func (c *client) answer() (results []string, status string) {
	c.t.Helper()
	for {
		line, err := c.r.ReadString('\n')
		require.NoError(c.t, err)
		require.True(c.t, strings.HasSuffix(line, "\r\n"), "line %q lacks CRLF", line)
		line = strings.TrimSuffix(line, "\r\n")
		if strings.HasPrefix(line, statusRule) {
			return results, line
		}
		results = append(results, line)
	}
}

// answerErr is answer for other goroutines: it reports instead of failing.
func (c *client) answerErr() (results []string, err error) {
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return results, err
		}
		line = strings.TrimSuffix(line, "\r\n")
		if strings.HasPrefix(line, statusRule) {
			return results, nil
		}
		results = append(results, line)
	}
}

// query sends q, reads the answer and the next prompt.
func (c *client) query(q string) (results []string, status string) {
	c.t.Helper()
	c.send(q + "\r\n")
	results, status = c.answer()
	c.expectPrompt()
	return results, status
}

// rest reads everything up to the server's close.
func (c *client) rest() string {
	c.t.Helper()
	b, err := io.ReadAll(c.r)
	require.NoError(c.t, err)
	return string(b)
}
