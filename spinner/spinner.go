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
//     A stopped spinner (or one made by New) is started with Restart.
//   - Update changes the message from any goroutine; it shows at once, not at
//     the next tick.
//   - Success and Fail always leave their final line, once: on a running
//     spinner, on one its context already stopped, and on one that never
//     drew (WithDelay). After Stop they write nothing.
//   - Printing above the spinner: Write clears the spinner's line, writes
//     whole lines and redraws the spinner below them, so log.SetOutput(s) or
//     slog.NewTextHandler(s, nil) print while it spins. Other streams on the
//     same terminal (standard output while the spinner is on standard error)
//     print onto the spinner's line: print through Write, or before Start.
//   - Terminal mode (the writer is a terminal, TERM is not "dumb", or
//     WithTerminal(true)): every frame is one write of
//     "\r" + frame + " " + message + "\x1b[K". Stop clears the line.
//   - Plain mode (a pipe, a file, a buffer): no animation, no "\r", no escape
//     codes: the message once, each new message once (at most one line per
//     second by default, see WithPlainInterval), and the final message.
//   - The cursor stays visible unless HideCursor is given; then it is shown
//     again however the spinner stops, write errors included.
//   - No signal handlers: use signal.NotifyContext so that Ctrl-C cancels the
//     context and the spinner cleans up the line.
//   - A write error never panics and never stops the spinner: Err reports
//     the first one, later frames are still tried (each redraws the whole
//     line) and so is the clean-up.
//
// # The line never wraps
//
// A frame is cut to one column less than the terminal's width (asked on
// every frame, so resizing works), counted in display columns: by grapheme
// cluster (github.com/rivo/uniseg), so that an emoji sequence such as
// "👨‍👩‍👧" or "⏱️" is one cell and never split, and by the Unicode East Asian
// Width table (golang.org/x/text/width), so that CJK and emoji such as
// 🚀 ✅ ⚡ take two columns; ambiguous characters count one. In
// the message every control character (tab, newline, carriage return
// included) becomes a space, escape sequences other than SGR (colour) are
// removed, SGR sequences take no column and are never cut, and a frame that
// holds any colour ends with a reset, so no colour leaks past the line.
// NO_COLOR removes the message's colours; the spinner adds none of its own.
// The final line of Success or Fail is made one line the same way but not
// cut: it stays on the screen as ordinary output, and Write's lines are
// written as they are.
//
// # What blocks
//
// Only the drawing goroutine writes frames and message lines, so Start,
// Update, Message, Running, Err and String never wait for the writer: a
// worker calling Update is never held up by a blocked terminal (Ctrl-S, a
// full pipe). Write, Stop, Success and Fail write (or wait for the
// goroutine's write in progress), so they block for as long as the writer
// blocks; so does Restart of a spinner whose last clean-up is still being
// written.
//
// # Windows
//
// A Windows console shows escape sequences only with virtual terminal
// processing on. On a console the spinner turns it on (SetConsoleMode, left
// on afterwards, as most programs do); where that fails (consoles before
// Windows 10) it falls back to plain mode rather than print raw escapes.
//
// The default writer is standard error; the default interval 100 ms; the
// default frames ASCII.
package spinner

import (
	"context"
	"fmt"
	"math"
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

// Spinner is a running (or stopped) spinner. Create one with Start, New or
// use Run. Its methods are safe for concurrent use.
type Spinner struct {
	cfg      config
	terminal bool
	colour   bool     // keep the message's SGR sequences
	frames   []string // sanitized, all of one width

	mu  sync.Mutex // guards msg, cur, the runs' running and halted, err
	msg string
	cur *run // the current or last run; nil before the first
	err error

	wmu       sync.Mutex // serializes writes; guards what is on the screen
	live      bool       // a run may draw: Write holds partial lines
	visible   bool       // a frame is on the line
	hidden    bool       // the cursor was hidden
	frame     int
	partial   []byte // Write's unfinished line
	printed   string // plain mode: the last message line written
	printedAt time.Time
}

// run is one run of the drawing goroutine, from Restart to its end.
type run struct {
	stop   chan struct{} // closed to ask the goroutine to stop
	exited chan struct{} // closed when the goroutine has exited
	poke   chan struct{} // capacity 1: the message changed

	first string // the message when the run started: plain mode writes it first

	running bool // under mu: neither stopped nor ended by its context
	halted  bool // under mu: Stop, Success or Fail was called

	shown   bool // under wmu: the delay has passed
	cleaned bool // under wmu: the line was cleared and the cursor restored
}

// New returns a spinner showing msg that has not started: Restart starts it.
// Success or Fail on it write just their final line.
func New(msg string, opts ...Option) *Spinner {
	cfg := config{
		w: os.Stderr, frames: ASCII.split(), interval: 100 * time.Millisecond,
		plainInterval: time.Second, getenv: os.Getenv,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Spinner{cfg: cfg, msg: msg}
	s.terminal = s.detect()
	s.colour = s.terminal && cfg.getenv("NO_COLOR") == ""
	wide := 0
	for _, f := range cfg.frames {
		f = sanitize(f, false)
		s.frames = append(s.frames, f)
		wide = max(wide, displayWidth(f))
	}
	for i, f := range s.frames {
		s.frames[i] = f + strings.Repeat(" ", wide-displayWidth(f))
	}
	return s
}

// Start starts a spinner showing msg and returns it. It stops when ctx ends
// or when Stop, Success or Fail is called. Start does not wait for the
// writer: the drawing goroutine draws the first frame at once.
func Start(ctx context.Context, msg string, opts ...Option) *Spinner {
	s := New(msg, opts...)
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
	return ok && term.IsTerminal(int(f.Fd())) && enableVT(f.Fd())
}

// Restart starts a stopped spinner (or one made by New) again, with its
// last message, until ctx ends or it is stopped. On a running spinner it
// does nothing.
func (s *Spinner) Restart(ctx context.Context) {
	s.mu.Lock()
	prev := s.cur
	if prev != nil && prev.running {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if prev != nil {
		<-prev.exited // a goroutine stopped by its context may still be cleaning up
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if prev != nil {
		s.cleanLocked(prev, "", false) // a Stop racing this Restart may not have cleaned yet
	}
	s.mu.Lock()
	if s.cur != prev { // another Restart won
		s.mu.Unlock()
		return
	}
	r := &run{stop: make(chan struct{}), exited: make(chan struct{}), poke: make(chan struct{}, 1), running: true, first: s.msg}
	s.cur = r
	s.mu.Unlock()
	s.live, s.frame, s.printed = true, 0, ""
	go s.loop(ctx, r)
}

// Update replaces the message. It shows at once: the drawing goroutine
// redraws the line now rather than at the next tick (in plain mode it writes
// the new line, unless one was written less than the plain interval ago). An
// unchanged message writes nothing. Update never blocks on the writer.
func (s *Spinner) Update(msg string) {
	s.mu.Lock()
	changed := msg != s.msg
	s.msg = msg
	r := s.cur
	s.mu.Unlock()
	if changed && r != nil {
		select {
		case r.poke <- struct{}{}:
		default: // a redraw is already pending
		}
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
func (s *Spinner) Stop() { s.halt("", false) }

// Success stops the spinner and leaves msg on its line (followed by a
// newline), in both terminal and plain mode, also when the spinner's context
// already stopped it. After Stop, Success or Fail it writes nothing. msg is
// one line: control characters become spaces.
func (s *Spinner) Success(msg string) { s.halt(msg, true) }

// Fail is Success for a failure: it stops the spinner and leaves msg. (The
// spinner uses no colour, so the two differ only in intent.)
func (s *Spinner) Fail(msg string) { s.halt(msg, true) }

func (s *Spinner) halt(final string, withFinal bool) {
	s.mu.Lock()
	r := s.cur
	if r == nil { // never started: a run that ended before it drew
		r = &run{exited: make(chan struct{}), cleaned: true}
		close(r.exited)
		s.cur = r
	}
	if r.halted {
		s.mu.Unlock()
		<-r.exited
		return
	}
	r.halted = true
	if r.running {
		r.running = false
		close(r.stop)
	}
	s.mu.Unlock()
	<-r.exited
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.cleanLocked(r, final, withFinal)
}

// Err returns the first error the writer returned, if any.
func (s *Spinner) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Running reports whether the spinner is spinning (its delay included).
func (s *Spinner) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur != nil && s.cur.running
}

// loop is the drawing goroutine of run r: it alone writes frames and plain
// message lines.
func (s *Spinner) loop(ctx context.Context, r *run) {
	defer close(r.exited)
	if d := s.cfg.delay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.stop:
			t.Stop()
			return
		case <-ctx.Done():
			t.Stop()
			s.ended(r)
			return
		}
	}
	s.wmu.Lock()
	s.showLocked(r)
	s.wmu.Unlock()

	var tick <-chan time.Time
	if s.terminal {
		t := time.NewTicker(s.cfg.interval)
		defer t.Stop()
		tick = t.C
	}
	var wait *time.Timer // plain mode: a message line waits for the interval
	var waitC <-chan time.Time
	defer func() {
		if wait != nil {
			wait.Stop()
		}
	}()
	for {
		select {
		case <-tick:
			s.wmu.Lock()
			s.frame = (s.frame + 1) % len(s.frames)
			s.drawLocked(false)
			s.wmu.Unlock()
		case <-r.poke:
			if waitC != nil {
				continue
			}
			s.wmu.Lock()
			if d := s.plainWaitLocked(); d > 0 {
				wait = time.NewTimer(d)
				waitC = wait.C
			} else {
				s.drawLocked(false)
			}
			s.wmu.Unlock()
		case <-waitC:
			waitC = nil
			s.wmu.Lock()
			s.drawLocked(false)
			s.wmu.Unlock()
		case <-r.stop:
			return
		case <-ctx.Done():
			s.ended(r)
			return
		}
	}
}

// showLocked draws run r for the first time, unless that was done: the
// drawing goroutine does it after the delay, and Write does it first if it
// comes first (so that its lines follow the plain message line).
func (s *Spinner) showLocked(r *run) {
	if r.shown {
		return
	}
	r.shown = true
	if s.terminal {
		s.drawLocked(true)
		return
	}
	if first := sanitize(r.first, false); first != s.printed { // a later Update may have replaced it
		s.printed, s.printedAt = first, time.Now()
		_ = s.writeLocked(first + "\n")
	}
}

// ended cleans up after r's context ended: Stop becomes a no-op, Success and
// Fail write just their final line.
func (s *Spinner) ended(r *run) {
	s.mu.Lock()
	r.running = false
	s.mu.Unlock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.cleanLocked(r, "", false)
}

// plainWaitLocked is how long a plain message line must wait; 0 in terminal
// mode.
func (s *Spinner) plainWaitLocked() time.Duration {
	if s.terminal || s.printedAt.IsZero() {
		return 0
	}
	return s.cfg.plainInterval - time.Since(s.printedAt)
}

// drawLocked writes the current frame (terminal mode) or the message line if
// it changed (plain mode). first: the run's first drawing, which hides the
// cursor if asked.
func (s *Spinner) drawLocked(first bool) {
	if !s.terminal {
		if line, ok := s.plainLineLocked(); ok {
			_ = s.writeLocked(line)
		}
		return
	}
	var b strings.Builder
	if first && s.cfg.hideCursor {
		b.WriteString(hideCursor)
		s.hidden = true
	}
	b.WriteString(s.frameLine())
	s.visible = true
	_ = s.writeLocked(b.String())
}

// plainLineLocked returns the message line to write in plain mode, if the
// message changed since the last one written.
func (s *Spinner) plainLineLocked() (string, bool) {
	msg := sanitize(s.Message(), false)
	if msg == s.printed {
		return "", false
	}
	s.printed, s.printedAt = msg, time.Now()
	return msg + "\n", true
}

// frameLine is one frame: "\r" + frame + " " + message, cut to the width,
// and clear-to-end-of-line.
func (s *Spinner) frameLine() string {
	line := s.frames[s.frame] + " " + sanitize(s.Message(), s.colour)
	cols := math.MaxInt
	if w := s.width(); w > 0 {
		cols = w - 1 // the last column would wrap on some terminals
	}
	return "\r" + truncate(line, cols) + clearEOL
}

// cleanLocked ends run r on the screen, in one write: the line cleared (or,
// in plain mode, the last message if it was still waiting), any partial line
// of Write, the cursor shown; then the final line if withFinal.
func (s *Spinner) cleanLocked(r *run, final string, withFinal bool) {
	var b strings.Builder
	if !r.cleaned {
		r.cleaned = true
		s.live = false
		if s.terminal && s.visible {
			b.WriteString("\r" + clearEOL)
		}
		if !s.terminal && r.shown {
			if line, ok := s.plainLineLocked(); ok {
				b.WriteString(line)
			}
		}
		s.visible = false
		if len(s.partial) > 0 {
			b.Write(s.partial)
			s.partial = nil
			if withFinal {
				b.WriteByte('\n')
			}
		}
		if s.hidden {
			b.WriteString(showCursor)
			s.hidden = false
		}
	}
	if withFinal {
		b.WriteString(truncate(sanitize(final, s.colour), math.MaxInt) + "\n")
	}
	if b.Len() > 0 {
		_ = s.writeLocked(b.String())
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

// writeLocked writes p in one call, keeping the first error for Err.
func (s *Spinner) writeLocked(p string) error {
	_, err := s.cfg.w.Write([]byte(p))
	if err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
	}
	return err
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
// <Spinner running msg="thinking!"> (or initial, before it first starts, or
// stopped).
func (s *Spinner) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	state := "stopped"
	switch {
	case s.cur == nil:
		state = "initial"
	case s.cur.running:
		state = "running"
	}
	return fmt.Sprintf("<Spinner %s msg=%q>", state, s.msg)
}
