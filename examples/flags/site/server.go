package site

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is a Site served on a listener. Close it when done.
type Server struct {
	// URL is the site's base URL, http://{listener address}/flags: the
	// downloaders' base_url.
	URL string

	srv      *http.Server
	cancel   context.CancelFunc
	handlers handlers
	idle     idleConns
	served   chan error
	once     sync.Once
	closeErr error
}

// Start serves s on l in a new goroutine and returns at once. The server
// owns l from then on.
func (s *Site) Start(l net.Listener) *Server {
	base, cancel := context.WithCancel(context.Background())
	sv := &Server{URL: "http://" + l.Addr().String() + Prefix, cancel: cancel, served: make(chan error, 1)}
	sv.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !sv.handlers.enter() {
				panic(http.ErrAbortHandler) // closing: drop the connection, answer nothing
			}
			defer sv.handlers.leave()
			s.ServeHTTP(w, r)
		}),
		BaseContext:       func(net.Listener) context.Context { return base },
		ConnState:         sv.idle.track,
		ReadHeaderTimeout: 10 * time.Second, // bounded resources: a silent client is dropped
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	if ll, ok := l.(*limitListener); ok {
		ll.idle = &sv.idle // a full listener makes room from idle keep-alives
	}
	go func() { sv.served <- sv.srv.Serve(l) }()
	return sv
}

// Close stops the server at once: it closes the listener and every
// connection, cancels the requests waiting out their delay, and returns when
// no handler is left running. Safe to call more than once.
func (sv *Server) Close() error {
	sv.once.Do(func() {
		sv.closeErr = sv.srv.Close() // first, so no cut-short answer gets out
		sv.cancel()
		if err := <-sv.served; !errors.Is(err, http.ErrServerClosed) {
			sv.closeErr = errors.Join(sv.closeErr, err)
		}
		sv.handlers.closeAndWait()
	})
	return sv.closeErr
}

// Shutdown stops the server gracefully: no new connections, requests in
// progress may finish until ctx ends, then Close.
func (sv *Server) Shutdown(ctx context.Context) error {
	err := sv.srv.Shutdown(ctx)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		err = nil // out of patience: Close cuts the rest
	}
	return errors.Join(err, sv.Close())
}

// Listen serves s on a new TCP listener at addr, such as "127.0.0.1:0" (any
// free loopback port) or the book's "127.0.0.1:8001".
func (s *Site) Listen(addr string) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return s.Start(l), nil
}

// handlers counts the handlers running, so that Close can wait for them; a
// sync.WaitGroup cannot, as handlers may start while Close waits.
type handlers struct {
	mu     sync.Mutex
	n      int
	closed bool
	idle   chan struct{} // closed when n drops to 0 after closeAndWait
}

// enter counts a handler in, unless the server is closed.
func (h *handlers) enter() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.n++
	return true
}

func (h *handlers) leave() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n--
	if h.n == 0 && h.idle != nil {
		close(h.idle)
		h.idle = nil
	}
}

// closeAndWait refuses new handlers and waits for those running.
func (h *handlers) closeAndWait() {
	h.mu.Lock()
	h.closed = true
	if h.n == 0 {
		h.mu.Unlock()
		return
	}
	idle := make(chan struct{})
	h.idle = idle
	h.mu.Unlock()
	<-idle
}

// idleConns is the set of a Server's connections that are idle between
// requests (keep-alive), kept from the http.Server's ConnState hook, and
// the number of Accepts of its LimitListener waiting for room. While one
// waits, an idle connection is closed (its permit goes to the waiter): the
// ones idle when the wait begins, one per waiter, and any that becomes idle
// during it. Both sides decide under mu, so that a connection going idle
// just as an Accept starts to wait is seen by one or the other. A
// connection may be closed that a waiter no longer needed (it got a permit
// from a client leaving); that costs its client a reconnect, no more.
type idleConns struct {
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	waiters int
}

func (ic *idleConns) track(c net.Conn, st http.ConnState) {
	ic.mu.Lock()
	if st != http.StateIdle {
		delete(ic.conns, c) // active again, closed or hijacked
		ic.mu.Unlock()
		return
	}
	if ic.waiters > 0 {
		ic.mu.Unlock()
		c.Close() // someone waits for its room
		return
	}
	if ic.conns == nil {
		ic.conns = make(map[net.Conn]struct{})
	}
	ic.conns[c] = struct{}{}
	ic.mu.Unlock()
}

// waiting counts an Accept in (+1) or out (-1) of the wait for room; one
// that comes in closes an idle connection, if there is one.
func (ic *idleConns) waiting(delta int) {
	ic.mu.Lock()
	ic.waiters += delta
	var victim net.Conn
	if delta > 0 {
		for c := range ic.conns {
			victim = c
			delete(ic.conns, c)
			break
		}
	}
	ic.mu.Unlock()
	if victim != nil {
		victim.Close()
	}
}
