package site

import (
	"context"
	"net"
	"sync"
)

// PipeListener is an in-memory net.Listener: its DialContext hands the
// server one end of a net.Pipe. It lets an HTTP client and a Server talk with
// no socket, which is what tests inside a testing/synctest bubble need (real
// sockets are not part of a bubble). Use it as an http.Transport's
// DialContext; the address dialled is ignored.
type PipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

// NewPipeListener returns an open PipeListener.
func NewPipeListener() *PipeListener {
	return &PipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept waits for the next DialContext, or returns net.ErrClosed once the
// listener is closed.
func (l *PipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept and DialContext. Connections already made stay open.
func (l *PipeListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr returns the listener's pseudo address, "flags.pipe".
func (l *PipeListener) Addr() net.Addr { return pipeAddr{} }

// DialContext connects to the listener: it blocks until Accept takes the
// connection, ctx ends, or the listener is closed.
func (l *PipeListener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-l.done:
		return nil, &net.OpError{Op: "dial", Net: "pipe", Err: net.ErrClosed}
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "flags.pipe" }
