package spinner

import (
	"io"
	"strings"
	"time"
)

// Frames is a set of animation frames, one rune per frame.
type Frames string

// Frame sets. The default is the book's ASCII spinner.
const (
	// ASCII is the book's spinner: | / - \ (the default; works everywhere).
	ASCII Frames = `|/-\`
	// Dots is a braille dot spinner.
	Dots Frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
	// Line is a horizontal line that thickens and thins.
	Line Frames = "-=≡="
	// Arc is a rotating arc.
	Arc Frames = "◜◠◝◞◡◟"
)

// Option configures a Spinner.
type Option func(*config)

type config struct {
	w          io.Writer
	frames     []string // one string per frame
	interval   time.Duration
	terminal   *bool // nil: detect
	width      int   // 0: ask the terminal
	hideCursor bool
	getenv     func(string) string
}

// WithWriter sets where the spinner draws. The default is standard error.
// Terminal detection looks at this writer (an *os.File on a terminal).
func WithWriter(w io.Writer) Option { return func(c *config) { c.w = w } }

// WithFrames sets the animation frames. An empty set keeps the default.
func WithFrames(f Frames) Option {
	return func(c *config) {
		if f != "" {
			c.frames = strings.Split(string(f), "")
		}
	}
}

// WithInterval sets the time between frames (default 100 ms, as the book's).
// Values below 10 ms mean 10 ms.
func WithInterval(d time.Duration) Option {
	return func(c *config) { c.interval = max(d, 10*time.Millisecond) }
}

// WithTerminal forces terminal mode on (animation, \r, escape codes) or off
// (plain lines), instead of detecting it on the writer.
func WithTerminal(on bool) Option { return func(c *config) { c.terminal = &on } }

// WithWidth fixes the line width in columns, instead of asking the terminal.
func WithWidth(cols int) Option { return func(c *config) { c.width = cols } }

// HideCursor hides the cursor while spinning (terminal mode only). It is
// always shown again when the spinner stops, whether by Stop or by its
// context ending.
func HideCursor() Option { return func(c *config) { c.hideCursor = true } }

// withGetenv replaces os.Getenv, for tests.
func withGetenv(f func(string) string) Option { return func(c *config) { c.getenv = f } }
