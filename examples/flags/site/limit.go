package site

import (
	"context"
	"net"
	"sync"

	"github.com/tulipgo/tulip/semaphore"
)

// LimitListener returns a listener that keeps at most n of l's connections
// open at once: Accept waits (leaving the rest in the kernel's backlog) until
// one of them is closed. It bounds what a flood of clients can cost a Server.
// Served by a Server (Site.Start), a full listener has the server close
// idle keep-alive connections while an Accept waits, so that clients that
// keep their connections open without asking anything cannot lock the
// others out.
// Closing the listener ends a waiting Accept.
func LimitListener(l net.Listener, n int) net.Listener {
	ctx, cancel := context.WithCancel(context.Background())
	return &limitListener{Listener: l, sem: semaphore.New(n), ctx: ctx, cancel: cancel}
}

type limitListener struct {
	net.Listener
	sem    *semaphore.Semaphore
	ctx    context.Context // ends when the listener is closed
	cancel context.CancelFunc
	// idle, if set, is told while Accept waits for room, so that it closes
	// idle connections meanwhile: the Server's (see idleConns). Set by
	// Start before the first Accept, never after.
	idle *idleConns
}

func (l *limitListener) Accept() (net.Conn, error) {
	if !l.sem.TryAcquire() {
		if l.idle != nil {
			l.idle.waiting(+1) // closing an idle connection gives its permit back at once
		}
		err := l.sem.Acquire(l.ctx)
		if l.idle != nil {
			l.idle.waiting(-1)
		}
		if err != nil {
			return nil, net.ErrClosed
		}
	}
	c, err := l.Listener.Accept()
	if err != nil {
		l.sem.Release()
		return nil, err
	}
	return &limitConn{Conn: c, release: l.sem.Release}, nil
}

func (l *limitListener) Close() error {
	l.cancel()
	return l.Listener.Close()
}

// limitConn gives its permit back when first closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
