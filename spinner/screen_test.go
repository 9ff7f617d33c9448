package spinner

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/require"
)

// sgr matches one whole SGR sequence; anything else starting with ESC in a
// frame is a broken or foreign escape sequence.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// checkFrame asserts what a terminal would show for one frame write: it
// starts with "\r", ends with clear-to-end-of-line, holds no other control
// character, only whole SGR sequences, ends any colour it starts, and takes
// fewer than cols columns (measured by uniseg, independently of the
// package's own width code).
func checkFrame(t *testing.T, frame string, cols int) {
	t.Helper()
	require.True(t, strings.HasPrefix(frame, "\r"), "%q", frame)
	require.True(t, strings.HasSuffix(frame, clearEOL), "%q", frame)
	body := strings.TrimSuffix(strings.TrimPrefix(frame, "\r"), clearEOL)
	text := sgr.ReplaceAllString(body, "")
	for _, r := range text {
		require.False(t, r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0), "control %U in %q", r, frame)
	}
	if seqs := sgr.FindAllString(body, -1); len(seqs) > 0 {
		require.Equal(t, "\x1b[0m", seqs[len(seqs)-1], "the colour is reset: %q", frame)
		require.True(t, strings.HasSuffix(body, "\x1b[0m"), "%q", frame)
	}
	require.Less(t, uniseg.StringWidth(text), cols, "the line would wrap: %q", frame)
}

func TestEmojiNeverWrap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "deploying "+strings.Repeat("🚀", 30), tty(r, WithWidth(40))...)
		time.Sleep(250 * time.Millisecond)
		s.Update("✅❌⭐⌛⚡" + strings.Repeat("⏱️", 30))
		synctest.Wait()
		s.Stop()
		w := r.all()
		for _, f := range w[:len(w)-1] {
			checkFrame(t, f, 40)
		}
	})
}

func TestControlCharactersReplaced(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "line one\nline two\rthree\tfour\x07\x08\x00", tty(r)...)
		synctest.Wait()
		s.Stop()
		f := r.all()[0]
		checkFrame(t, f, 80)
		require.Equal(t, "\r| line one line two three four   \x1b[K", f, "tab and newline are a space each")
	})
}

func TestTruncationKeepsEscapesWhole(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, msg := range []string{
			"abcdef\x1b[31mred and long\x1b[0m", // the cut falls inside the colour
			"abcdefg\x1b[1;31mbold red",         // never reset by the message
			"\x1b[31m" + strings.Repeat("x", 40),
			"abcdefgh\x1b[38;5;196mx",
		} {
			r := &recorder{}
			s := Start(context.Background(), msg, tty(r, WithWidth(12))...)
			synctest.Wait()
			s.Stop()
			checkFrame(t, r.all()[0], 12)
		}
	})
}

// A foreign escape sequence (cursor movement, clear screen) would wreck the
// line: it is dropped; an unfinished one too.
func TestForeignEscapesDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "a\x1b[2Jb\x1b[1Ac\x1b]0;title\x07d\x1b", tty(r)...)
		synctest.Wait()
		s.Stop()
		require.Equal(t, "\r| abcd\x1b[K", r.all()[0])
	})
}

func TestFinalAfterContextEnd(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		s := Start(ctx, "x", tty(r, HideCursor())...)
		time.Sleep(150 * time.Millisecond)
		cancel()
		synctest.Wait()
		s.Fail("x failed: interrupted")
		w := r.all()
		require.Equal(t, "x failed: interrupted\n", w[len(w)-1])
		require.Equal(t, "\r\x1b[K\x1b[?25h", w[len(w)-2], "line cleaned and cursor shown first")
		s.Fail("again")
		s.Success("again")
		require.Len(t, r.all(), len(w), "the final line once")
	})
}

func TestFinalAfterContextEndPlain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		s := Start(ctx, "x", WithWriter(r))
		time.Sleep(2 * time.Second)
		s.Success("done")
		require.Equal(t, []string{"x\n", "done\n"}, r.all())
	})
}

func TestTransientWriteErrorKeepsDrawing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r, HideCursor())...)
		synctest.Wait()
		r.mu.Lock()
		r.failNext = 1
		r.mu.Unlock()
		time.Sleep(250 * time.Millisecond) // the frame at 0.1 s fails, 0.2 s is drawn
		s.Stop()
		require.EqualError(t, s.Err(), "resource temporarily unavailable")
		require.Equal(t, []string{"\x1b[?25l\r| x\x1b[K", "\r- x\x1b[K", "\r\x1b[K\x1b[?25h"}, r.all())
	})
}

func TestCleanupAfterFailingWriter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{fail: errors.New("EPIPE")}
		s := Start(context.Background(), "x", tty(r, HideCursor())...)
		time.Sleep(950 * time.Millisecond)
		r.mu.Lock()
		r.fail = nil
		r.mu.Unlock()
		s.Success("ok")
		require.Equal(t, []string{"\r\x1b[K\x1b[?25hok\n"}, r.all(), "the clean-up is written")
	})
}

// The same in real time, where the context's end races the call: Fail
// always leaves its line, once, after the clean-up.
func TestFailRacingContextEnd(t *testing.T) {
	for i := range 200 {
		r := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		s := Start(ctx, "x", tty(r, HideCursor())...)
		if i%2 == 0 {
			cancel()
		}
		s.Fail("failed")
		cancel()
		w := strings.Join(r.all(), "")
		require.True(t, strings.HasSuffix(w, "\r\x1b[K\x1b[?25hfailed\n"), "%q", w)
		require.Equal(t, 1, strings.Count(w, "failed"))
	}
}
