package spinner

import (
	"io"
	"time"

	"github.com/rivo/uniseg"
)

// Frames is a set of animation frames written as one string: each grapheme
// cluster is one frame, so "⏱️⌛" is two frames although it is three runes.
// For frames of several characters ("[=  ]") use WithFrameStrings.
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

// split returns the frames, one grapheme cluster each.
func (f Frames) split() []string {
	var out []string
	g := uniseg.NewGraphemes(string(f))
	for g.Next() {
		out = append(out, g.Str())
	}
	return out
}

// Option configures a Spinner.
type Option func(*config)

type config struct {
	w             io.Writer
	frames        []string
	interval      time.Duration
	plainInterval time.Duration
	delay         time.Duration
	terminal      *bool // nil: detect
	width         int   // 0: ask the terminal
	hideCursor    bool
	getenv        func(string) string
}

// WithWriter sets where the spinner draws. The default is standard error.
// Terminal detection looks at this writer (an *os.File on a terminal).
func WithWriter(w io.Writer) Option { return func(c *config) { c.w = w } }

// WithFrames sets the animation frames, one grapheme cluster per frame. An
// empty set keeps the default.
func WithFrames(f Frames) Option {
	return func(c *config) {
		if f != "" {
			c.frames = f.split()
		}
	}
}

// WithFrameStrings sets the animation frames, one string per frame, such as
// "[=  ]", "[ = ]", "[  =]". Frames narrower than the widest are padded with
// spaces so the message does not move. No frames keeps the default.
func WithFrameStrings(frames ...string) Option {
	return func(c *config) {
		if len(frames) > 0 {
			c.frames = append([]string(nil), frames...)
		}
	}
}

// WithInterval sets the time between frames (default 100 ms, as the book's).
// Values below 10 ms mean 10 ms.
func WithInterval(d time.Duration) Option {
	return func(c *config) { c.interval = max(d, 10*time.Millisecond) }
}

// WithPlainInterval sets, for plain mode (not a terminal), the least time
// between two message lines (default 1 s), so that a loop calling Update
// does not flood a CI log: a message that arrives sooner waits, and only
// the latest waiting one is written. The last message is always written
// when the spinner stops. Zero writes every change.
func WithPlainInterval(d time.Duration) Option {
	return func(c *config) { c.plainInterval = max(d, 0) }
}

// WithDelay makes the spinner show nothing for its first d: a task that
// ends sooner leaves no trace but its final message (Success or Fail).
func WithDelay(d time.Duration) Option { return func(c *config) { c.delay = max(d, 0) } }

// WithTerminal forces terminal mode on (animation, \r, escape codes) or off
// (plain lines), instead of detecting it on the writer.
func WithTerminal(on bool) Option { return func(c *config) { c.terminal = &on } }

// WithWidth fixes the line width in columns, instead of asking the terminal.
func WithWidth(cols int) Option { return func(c *config) { c.width = cols } }

// HideCursor hides the cursor while spinning (terminal mode only). It is
// always shown again when the spinner stops, whether by Stop or by its
// context ending, and even after write errors.
func HideCursor() Option { return func(c *config) { c.hideCursor = true } }

// withGetenv replaces os.Getenv, for tests.
func withGetenv(f func(string) string) Option { return func(c *config) { c.getenv = f } }
