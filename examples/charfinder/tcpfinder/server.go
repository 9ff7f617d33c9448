package main

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/tulipgo/tulip/examples/charfinder/index"
	"github.com/tulipgo/tulip/semaphore"
)

// limits bound what one client can cost the server.
type limits struct {
	maxLine      int           // longest line read, in bytes, line ending included
	idle         time.Duration // longest wait for a line
	writeTimeout time.Duration // longest time to send one response
	maxSessions  int           // concurrent sessions; more clients get the busy line
}

// maxRefusals bounds the busy lines being sent at once.
const maxRefusals = 64

var defaultLimits = limits{
	maxLine:      4096,
	idle:         5 * time.Minute,
	writeTimeout: 30 * time.Second,
	maxSessions:  256,
}

// server is the finder service: one goroutine per session, at most
// limits.maxSessions of them, each holding a permit of sessions.
type server struct {
	ix       *index.Index
	log      *log.Logger
	logw     io.Writer // log's writer, for the query lines, when log adds nothing to a line (see logLine); else nil
	lim      limits
	sessions *semaphore.Semaphore
	refusals *semaphore.Semaphore // busy lines being sent: a flood of clients costs bounded goroutines

	// closing is set once, by shutdown, with mu held; sessions read it
	// without the lock (see armRead). live is guarded by mu.
	closing atomic.Bool
	mu      sync.Mutex
	live    map[*session]struct{}
	wg      sync.WaitGroup
}

// plainWriter returns l's writer if l adds nothing to a line (no prefix, no
// flags) and so a formatted line can go straight to it, else nil. Sessions
// then write to it directly, bypassing the logger's own serialization, so
// it must be safe for concurrent use: bufferedLog, io.Discard and the
// tests' sinks are.
func plainWriter(l *log.Logger) io.Writer {
	if l.Flags() != 0 || l.Prefix() != "" {
		return nil
	}
	return l.Writer()
}

func newServer(ix *index.Index, logger *log.Logger, lim limits) *server {
	return &server{
		ix:       ix,
		log:      logger,
		logw:     plainWriter(logger),
		lim:      lim,
		sessions: semaphore.New(lim.maxSessions),
		refusals: semaphore.New(maxRefusals),
		live:     make(map[*session]struct{}),
	}
}

// serve accepts connections on ln until ctx ends, then shuts down
// gracefully: it stops accepting, ends the sessions waiting for input, lets
// those answering a query finish the answer, and returns once every session
// has ended. It closes ln.
func (s *server) serve(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	defer s.wg.Wait()
	defer s.shutdown()
	var backoff time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.EMFILE) {
				// Out of descriptors or similar: wait and retry, as net/http does.
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				s.log.Printf("accept: %v; retrying in %v", err, backoff)
				t := time.NewTimer(backoff)
				select {
				case <-t.C:
				case <-ctx.Done():
					t.Stop()
				}
				continue
			}
			return err
		}
		backoff = 0
		if !s.sessions.TryAcquire() {
			if !s.refusals.TryAcquire() {
				conn.Close() // flooded: no explanation
				continue
			}
			s.wg.Go(func() {
				defer s.refusals.Release()
				s.refuse(conn)
			})
			continue
		}
		ss := &session{srv: s, conn: conn, client: pyAddr(conn.RemoteAddr())}
		if !s.track(ss) {
			s.sessions.Release()
			conn.Close()
			continue
		}
		s.wg.Go(func() {
			defer s.sessions.Release()
			defer s.untrack(ss)
			ss.run()
		})
	}
}

// refuse tells a client over the session limit so, and hangs up.
func (s *server) refuse(conn net.Conn) {
	client := pyAddr(conn.RemoteAddr())
	s.log.Printf("Busy %s: %d sessions open.", client, s.lim.maxSessions)
	sayAndClose(conn, "Server busy: all sessions are in use; try again later.", s.lim.writeTimeout)
}

func (s *server) track(ss *session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() {
		return false
	}
	s.live[ss] = struct{}{}
	return true
}

func (s *server) untrack(ss *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, ss)
}

// armRead sets the idle deadline for ss's next read and reports whether the
// session may read, which it may not once the server is shutting down.
//
// It takes no lock, so that sessions answering queries do not contend for
// one: it sets the deadline first and then looks at closing, while shutdown
// sets closing first and then pulls in the deadline of every live session.
// Whichever deadline is set last, one of the two sees the other: a deadline
// set after shutdown's is followed by a look that sees closing, and one set
// before is overwritten by shutdown's, so the read it arms fails at once.
//
// Setting a deadline costs a timer update, so armRead moves it only when it
// would move by more than a thirty-second of the idle time (9 s of the
// default 5 min): an idle client is cut off up to that much early.
func (s *server) armRead(ss *session) bool {
	if by := time.Now().Add(s.lim.idle); by.Sub(ss.readBy) > s.lim.idle/32 {
		ss.conn.SetReadDeadline(by)
		ss.readBy = by
	}
	return !s.closing.Load()
}

// armWrite sets the deadline for sending ss's next answer, moving it, as
// armRead does, only when it would move by more than a thirty-second of the
// write timeout.
func (s *server) armWrite(ss *session) {
	if by := time.Now().Add(s.lim.writeTimeout); by.Sub(ss.writeBy) > s.lim.writeTimeout/32 {
		ss.conn.SetWriteDeadline(by)
		ss.writeBy = by
	}
}

// shutdown marks the server closing and wakes every session blocked reading.
func (s *server) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing.Store(true)
	for ss := range s.live {
		ss.conn.SetReadDeadline(time.Now())
	}
}

func (s *server) isClosing() bool { return s.closing.Load() }

// sayAndClose sends one line, then closes conn as lingerClose does.
func sayAndClose(conn net.Conn, line string, timeout time.Duration) {
	conn.SetWriteDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte(line + "\r\n")); err != nil {
		conn.Close()
		return
	}
	lingerClose(conn, timeout)
}

// lingerClose closes conn without losing what was sent: it half-closes,
// discards what the client still sends (bounded in bytes and time), then
// closes. Closing with unread input would reset the connection, and a reset
// can destroy data the client has not read yet.
func lingerClose(conn net.Conn, timeout time.Duration) {
	defer conn.Close()
	tc, ok := conn.(*net.TCPConn)
	if !ok || tc.CloseWrite() != nil {
		return
	}
	conn.SetReadDeadline(time.Now().Add(min(timeout, time.Second)))
	var buf [4096]byte
	for range lingerReads {
		if _, err := conn.Read(buf[:]); err != nil {
			return
		}
	}
}

// lingerReads bounds what lingerClose discards: 4 MiB in 4 KiB reads.
const lingerReads = 1024
