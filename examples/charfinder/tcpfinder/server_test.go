package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestProtocol(t *testing.T) {
	ts := startServer(t, defaultLimits)
	c := ts.dial(t)
	c.expectPrompt()

	results, status := c.query("rook")
	require.Len(t, results, 14)
	require.Equal(t, "U+2656\t♖\tWHITE CHESS ROOK", results[0])
	require.Equal(t, statusRule+" 14 found", status)

	results, status = c.query("  chess black rook  turned\t")
	require.Equal(t, []string{"U+1FA26\t🨦\tBLACK CHESS TURNED ROOK"}, results)
	require.Equal(t, statusRule+" 1 found", status)

	_, status = c.query("brillig")
	require.Equal(t, statusRule+" 0 found", status)

	c.send("cat face\n") // a bare LF ends a line too
	results, _ = c.answer()
	require.Len(t, results, 10)
	c.expectPrompt()

	for _, blank := range []string{"\r\n", " \t\r\n", "\x1c\x1f\r\n", "\u3000\r\n"} {
		c.send(blank) // Python's strip leaves nothing: prompt again
		c.expectPrompt()
	}

	c.send("\x03\r\n") // Ctrl-C as telnet sends it
	require.Empty(t, c.rest())
	ts.log.waitFor(t, "Close "+c.name+".")

	require.Subset(t, ts.log.all(), []string{
		" From " + c.name + ": 'rook'",
		"   To " + c.name + ": 14 results.",
		" From " + c.name + ": 'chess black rook  turned'",
		" From " + c.name + ": ''",
		" From " + c.name + ": '\\x03'",
	})
}

func TestEOF(t *testing.T) {
	ts := startServer(t, defaultLimits)
	c := ts.dial(t)
	c.expectPrompt()
	c.send("sun")
	require.NoError(t, c.conn.CloseWrite())
	results, status := c.answer() // the last line counts without its newline
	require.Len(t, results, 17)
	require.Equal(t, statusRule+" 17 found", status)
	require.Empty(t, c.rest())
	ts.log.waitFor(t, "Close "+c.name+".")
}

// TestBadInput sends each kind of bad input on one connection while another
// client keeps being served.
func TestBadInput(t *testing.T) {
	ts := startServer(t, defaultLimits)
	good := ts.dial(t)
	good.expectPrompt()
	serveGood := func() {
		t.Helper()
		results, _ := good.query("black chess")
		require.Len(t, results, 33)
	}

	t.Run("invalid UTF-8", func(t *testing.T) {
		c := ts.dial(t)
		c.expectPrompt()
		serveGood()
		c.send("rook \xff\xfe\r\n") // undecodable: a control character, so the end
		require.Empty(t, c.rest())
		ts.log.waitFor(t, " From "+c.name+": '\\x00'")
		serveGood()
	})

	t.Run("1 MiB line", func(t *testing.T) {
		c := ts.dial(t)
		c.expectPrompt()
		sent := make(chan error, 1)
		go func() {
			_, err := c.conn.Write([]byte(strings.Repeat("rook ", 1<<20/5) + "\r\n"))
			sent <- err
		}()
		serveGood()
		require.Equal(t, "\r\nLine too long: the limit is 4096 bytes.\r\n", c.rest())
		<-sent // the write may fail once the server closes: it need not finish
		ts.log.waitFor(t, "Long "+c.name+": line over 4096 bytes.")
		serveGood()
	})

	t.Run("vanishing mid-answer", func(t *testing.T) {
		c := ts.dial(t)
		c.expectPrompt()
		c.send("CJK\r\n") // a 4 MB answer the client never reads
		ts.log.waitFor(t, " From "+c.name+": 'CJK'")
		require.NoError(t, c.conn.SetLinger(0))
		c.conn.Close() // reset
		ts.log.waitFor(t, "Close "+c.name+".")
		serveGood()
	})
	serveGood()
}

// TestIdle has a client wait past the idle timeout while another one keeps
// querying.
func TestIdle(t *testing.T) {
	t.Parallel()
	lim := defaultLimits
	lim.idle = 300 * time.Millisecond
	ts := startServer(t, lim)
	good := ts.dial(t)
	good.expectPrompt()
	c := ts.dial(t)
	c.expectPrompt()

	stop := make(chan struct{})
	served := make(chan int)
	go func() {
		n := 0
		defer func() { served <- n }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := good.conn.Write([]byte("sun\r\n")); err != nil {
				return
			}
			if r, _ := good.answerErr(); len(r) != 17 {
				return
			}
			if _, err := io.ReadFull(good.r, make([]byte, len(prompt))); err != nil {
				return
			}
			n++
		}
	}()
	require.Equal(t, "\r\nIdle for 300ms.\r\n", c.rest())
	close(stop)
	require.Positive(t, <-served)
	ts.log.waitFor(t, "Idle "+c.name+": no input for 300ms.")
	results, _ := good.query("sun")
	require.Len(t, results, 17)
}

func TestSessionLimit(t *testing.T) {
	lim := defaultLimits
	lim.maxSessions = 2
	ts := startServer(t, lim)
	a, b := ts.dial(t), ts.dial(t)
	a.expectPrompt()
	b.expectPrompt()

	c := ts.dial(t)
	require.Equal(t, "Server busy: all sessions are in use; try again later.\r\n", c.rest())
	ts.log.waitFor(t, "Busy "+c.name+": 2 sessions open.")
	results, _ := b.query("rook")
	require.Len(t, results, 14)

	a.conn.Close()
	ts.log.waitFor(t, "Close "+a.name+".")
	// The permit is released just after the log line: retry briefly.
	for i := 0; ; i++ {
		d := ts.dial(t)
		if line, _ := d.r.Peek(len(prompt)); string(line) == prompt {
			d.expectPrompt()
			results, _ = d.query("rook")
			require.Len(t, results, 14)
			break
		}
		require.Less(t, i, 100, "no session freed")
	}
}

func TestShutdown(t *testing.T) {
	t.Parallel()
	ts := startServer(t, defaultLimits)
	idle, busy := ts.dial(t), ts.dial(t)
	idle.expectPrompt()
	busy.expectPrompt()
	busy.send("CJK\r\n")
	ts.log.waitFor(t, " From "+busy.name+": 'CJK'")

	ts.cancel() // the server is writing busy's answer, which busy does not read yet
	require.Equal(t, "\r\nServer shutting down.\r\n", idle.rest())

	results, status := busy.answer()    // the running query finishes
	n := len(fullIndex().Search("CJK")) // 98,263 on Unicode 15.0
	require.Len(t, results, n)
	require.Equal(t, fmt.Sprintf("%s %d found", statusRule, n), status)
	require.Equal(t, "Server shutting down.\r\n", busy.rest())
	ts.stop(t)

	_, err := ts.dialErr()
	require.Error(t, err, "still accepting after shutdown")
}

// TestPipelined sends many lines at once, as a file piped into a session:
// every answer comes back, in order, also those before a hang-up line, and a
// batch bigger than the server's output buffer does not stall it.
func TestPipelined(t *testing.T) {
	ts := startServer(t, defaultLimits)

	t.Run("hang-up after answers", func(t *testing.T) {
		c := ts.dial(t)
		c.expectPrompt()
		c.send("rook\r\n\r\nsun\r\ncat face\r\n\x03\r\nrook\r\n")
		results, _ := c.answer()
		require.Len(t, results, 14)
		c.expectPrompt()
		c.expectPrompt() // the blank line
		results, _ = c.answer()
		require.Len(t, results, 17)
		c.expectPrompt()
		results, _ = c.answer()
		require.Len(t, results, 10)
		c.expectPrompt()
		require.Empty(t, c.rest()) // the hang-up: nothing after it is answered
	})

	t.Run("end of input after answers", func(t *testing.T) {
		c := ts.dial(t)
		c.expectPrompt()
		c.send("rook\r\nsun")
		require.NoError(t, c.conn.CloseWrite())
		results, _ := c.answer()
		require.Len(t, results, 14)
		c.expectPrompt()
		results, _ = c.answer()
		require.Len(t, results, 17)
		require.Empty(t, c.rest())
	})

	t.Run("more than a buffer", func(t *testing.T) {
		c := ts.dial(t)
		c.expectPrompt()
		const n = 400 // 400 answers of 17 lines: about 300 KB, many times the 32 KiB buffer
		sent := make(chan error, 1)
		go func() {
			_, err := io.WriteString(c.conn, strings.Repeat("sun\r\n", n))
			sent <- err
		}()
		for i := range n {
			results, _ := c.answer()
			require.Len(t, results, 17, "answer %d", i)
			c.expectPrompt()
		}
		require.NoError(t, <-sent)
		results, _ := c.query("rook")
		require.Len(t, results, 14)
	})
}

// TestWriteTimeoutCountsFromTheQuery has a client wait longer than the write
// timeout before asking for an answer far bigger than the server's buffers:
// the time to send it counts from the query, not from the prompt before it.
func TestWriteTimeoutCountsFromTheQuery(t *testing.T) {
	t.Parallel()
	lim := defaultLimits
	lim.writeTimeout = time.Second // ample for 5 MB over loopback, even on a loaded machine
	ts := startServer(t, lim)
	c := ts.dial(t)
	c.expectPrompt()
	// A person thinking. Real time must pass (the server's deadlines are the
	// kernel's, out of synctest's reach); nothing here is timed.
	time.Sleep(lim.writeTimeout + lim.writeTimeout/4)
	results, status := c.query("cjk")
	require.Len(t, results, 98263)
	require.Equal(t, statusRule+" 98263 found", status)
}

// TestLogWithPrefix: with a logger that adds to its lines, the query lines
// go through it (the direct path is for a plain logger only).
func TestLogWithPrefix(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	sink := newLogSink()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- newServer(fullIndex(), log.New(sink, "finder: ", 0), defaultLimits).serve(ctx, ln) }()
	ts := &testServer{addr: ln.Addr().String(), log: sink, cancel: cancel, done: done}
	t.Cleanup(func() { ts.stop(t) })
	c := ts.dial(t)
	c.expectPrompt()
	c.query("rook")
	sink.waitFor(t, "finder:    To "+c.name+": 14 results.")
	sink.waitFor(t, "finder:  From "+c.name+": 'rook'")
}
