// Package spinner draws a terminal spinner while a function works: the
// book's spinner as a library, done right.
//
//	answer, err := spinner.Run(ctx, "thinking!", slow)
//
// # Behaviour
//
//   - Lifecycle by context: the spinner stops when its context ends, or at
//     Stop, Success or Fail, which are idempotent and return only after the
//     drawing goroutine has exited: nothing is written after they return.
//     A stopped spinner can be started again with Restart.
//   - Update changes the message from any goroutine; it shows at once, not at
//     the next tick.
//   - Terminal mode (the writer is a terminal, TERM is not "dumb", or
//     WithTerminal(true)): every frame is one write of
//     "\r" + frame + " " + message + "\x1b[K", cut to the terminal width in
//     display columns so that it never wraps. Stop clears the line.
//   - Plain mode (a pipe, a file, a buffer): no animation, no "\r", no escape
//     codes: the message once, each new message once, and the final message
//     of Success or Fail. The spinner never uses colour, so NO_COLOR holds.
//   - The cursor stays visible unless HideCursor is given; then it is shown
//     again however the spinner stops.
//   - No signal handlers: use signal.NotifyContext so that Ctrl-C cancels the
//     context and the spinner cleans up the line.
//   - A write error stops the drawing, never panics; Err reports it.
//
// The default writer is standard error; the default interval 100 ms; the
// default frames ASCII.
package spinner

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

const (
	clearEOL   = "\x1b[K"
	hideCursor = "\x1b[?25l"
	showCursor = "\x1b[?25h"
)

// Spinner is a running (or stopped) spinner. Create one with Start or use
// Run. Its methods are safe for concurrent use.
type Spinner struct {
	cfg      config
	terminal bool

	writeMu sync.Mutex // serializes writes; held across the running check in Update
	mu      sync.Mutex
	msg     string
	running bool
	final   string        // written by the goroutine when it stops
	stop    chan struct{} // closed to ask the goroutine to stop
	exited  chan struct{} // closed when the goroutine has exited
	poke    chan struct{} // capacity 1: the message changed
	err     error         // the first write error

	// Owned by the drawing goroutine.
	frame int
}

// Start starts a spinner showing msg and returns it. It stops when ctx ends
// or when Stop, Success or Fail is called.
func Start(ctx context.Context, msg string, opts ...Option) *Spinner {
	cfg := config{w: os.Stderr, frames: strings.Split(string(ASCII), ""), interval: 100 * time.Millisecond, getenv: os.Getenv}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Spinner{cfg: cfg, msg: msg}
	s.terminal = s.detect()
	s.Restart(ctx)
	return s
}

// detect reports whether the writer is a terminal fit for animation.
func (s *Spinner) detect() bool {
	if s.cfg.terminal != nil {
		return *s.cfg.terminal
	}
	if s.cfg.getenv("TERM") == "dumb" {
		return false
	}
	f, ok := s.cfg.w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// Restart starts a stopped spinner again, with its last message, until ctx
// ends or it is stopped. On a running spinner it does nothing.
func (s *Spinner) Restart(ctx context.Context) {
	s.mu.Lock()
	if s.running {
		s.mu.Unlock()
		return
	}
	prev := s.exited
	s.mu.Unlock()
	if prev != nil {
		<-prev // a goroutine stopped by its context may still be cleaning up
	}
	s.writeMu.Lock() // the first frame is written before any Update's
	defer s.writeMu.Unlock()
	s.mu.Lock()
	if s.running {
		s.mu.Unlock()
		return
	}
	s.running, s.final = true, ""
	s.stop, s.exited, s.poke = make(chan struct{}), make(chan struct{}), make(chan struct{}, 1)
	stop, exited, poke, msg := s.stop, s.exited, s.poke, s.msg
	s.mu.Unlock()
	s.begin(msg)
	go s.loop(ctx, stop, exited, poke)
}

// begin writes what a start shows at once, before the drawing goroutine
// starts: the hidden cursor and the first frame (terminal) or the message
// (plain). Called with writeMu held.
func (s *Spinner) begin(msg string) {
	var b strings.Builder
	if s.terminal {
		if s.cfg.hideCursor {
			b.WriteString(hideCursor)
		}
		b.WriteString(s.frameLine(msg))
	} else {
		b.WriteString(msg + "\n")
	}
	s.writeLocked(b.String())
}

// Update replaces the message. It shows at once: in terminal mode the
// drawing goroutine redraws the line now rather than at the next tick; in
// plain mode Update writes the new message line itself. An unchanged message
// writes nothing; so does Update on a stopped spinner.
func (s *Spinner) Update(msg string) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.Lock()
	changed := msg != s.msg
	s.msg = msg
	running, poke := s.running, s.poke
	s.mu.Unlock()
	if !changed || !running {
		return
	}
	if !s.terminal {
		s.writeLocked(msg + "\n")
		return
	}
	select {
	case poke <- struct{}{}:
	default: // a redraw is already pending
	}
}

// Message returns the current message.
func (s *Spinner) Message() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.msg
}

// Stop stops the spinner and clears its line. It returns after the drawing
// goroutine has exited; nothing is written after that. It is idempotent.
func (s *Spinner) Stop() { s.halt("") }

// Success stops the spinner and leaves msg on its line (followed by a
// newline), in both terminal and plain mode. On a spinner already stopped
// (by Stop or by its context) it writes nothing.
func (s *Spinner) Success(msg string) { s.halt(msg) }

// Fail is Success for a failure: it stops the spinner and leaves msg. (The
// spinner uses no colour, so the two differ only in intent.)
func (s *Spinner) Fail(msg string) { s.halt(msg) }

func (s *Spinner) halt(final string) {
	s.mu.Lock()
	exited := s.exited
	if s.running {
		s.running = false
		s.final = final
		close(s.stop)
	}
	s.mu.Unlock()
	// Wait even if the spinner was no longer running: if its context ended,
	// its goroutine may still be writing the clean-up.
	if exited != nil {
		<-exited
	}
}

// Err returns the first error the writer returned, if any. After a write
// error the spinner draws nothing more.
func (s *Spinner) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Running reports whether the spinner is drawing.
func (s *Spinner) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

// loop is the drawing goroutine. In plain mode it only waits to clean up.
func (s *Spinner) loop(ctx context.Context, stop, exited, poke chan struct{}) {
	defer close(exited)
	var tick <-chan time.Time
	if s.terminal {
		t := time.NewTicker(s.cfg.interval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-tick:
			s.frame = (s.frame + 1) % len(s.cfg.frames)
			s.drawFrame(s.Message())
		case <-poke:
			s.drawFrame(s.Message())
		case <-stop:
			s.finish()
			return
		case <-ctx.Done():
			s.mu.Lock()
			s.running = false // stopped by its context; Stop is now a no-op
			s.mu.Unlock()
			s.finish()
			return
		}
	}
}

// drawFrame writes the current frame with msg, in one write.
func (s *Spinner) drawFrame(msg string) { s.write(s.frameLine(msg)) }

// frameLine is one frame: "\r" + frame + " " + msg, cut to the width, and
// clear-to-end-of-line.
func (s *Spinner) frameLine(msg string) string {
	line := s.cfg.frames[s.frame] + " " + msg
	if cols := s.width(); cols > 0 {
		line = truncate(line, cols-1) // the last column would wrap on some terminals
	}
	return "\r" + line + clearEOL
}

// finish clears the line, restores the cursor and writes the final message.
func (s *Spinner) finish() {
	s.mu.Lock()
	final := s.final
	s.mu.Unlock()
	var b strings.Builder
	if s.terminal {
		b.WriteString("\r" + clearEOL)
		if s.cfg.hideCursor {
			b.WriteString(showCursor)
		}
	}
	if final != "" {
		b.WriteString(final + "\n")
	}
	if b.Len() > 0 {
		s.write(b.String())
	}
}

// width returns the line width in columns, 0 if unknown.
func (s *Spinner) width() int {
	if s.cfg.width > 0 {
		return s.cfg.width
	}
	if f, ok := s.cfg.w.(interface{ Fd() uintptr }); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil {
			return w
		}
	}
	return 0
}

// write writes p in one call unless an earlier write failed.
func (s *Spinner) write(p string) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.writeLocked(p)
}

func (s *Spinner) writeLocked(p string) {
	s.mu.Lock()
	failed := s.err != nil
	s.mu.Unlock()
	if failed {
		return
	}
	if _, err := io.WriteString(s.cfg.w, p); err != nil {
		s.mu.Lock()
		s.err = err
		s.mu.Unlock()
	}
}

// Run runs fn while a spinner shows msg, then stops the spinner (clearing its
// line) and returns what fn returned: the book's supervisor. fn runs on the
// calling goroutine with ctx.
func Run[T any](ctx context.Context, msg string, fn func(context.Context) (T, error), opts ...Option) (T, error) {
	s := Start(ctx, msg, opts...)
	defer s.Stop()
	return fn(ctx)
}

// String describes the spinner in the spirit of Python's repr:
// <Spinner running msg="thinking!">.
func (s *Spinner) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	state := "stopped"
	if s.running {
		state = "running"
	}
	return fmt.Sprintf("<Spinner %s msg=%q>", state, s.msg)
}
