package spinner

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// recorder is a fake terminal: it keeps every write separately.
type recorder struct {
	mu       sync.Mutex
	writes   []string
	fail     error
	failNext int // fail this many writes, then recover
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return 0, r.fail
	}
	if r.failNext > 0 {
		r.failNext--
		return 0, errors.New("resource temporarily unavailable")
	}
	r.writes = append(r.writes, string(p))
	return len(p), nil
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.writes...)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.writes)
}

func tty(r *recorder, more ...Option) []Option {
	return append([]Option{WithWriter(r), WithTerminal(true), WithWidth(80), withGetenv(func(string) string { return "" })}, more...)
}

func TestFramesInOrderAtInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "thinking!", tty(r)...)
		synctest.Wait()
		require.Equal(t, []string{"\r| thinking!\x1b[K"}, r.all(), "the first frame at once")
		time.Sleep(350 * time.Millisecond)
		synctest.Wait()
		require.Equal(t, []string{
			"\r| thinking!\x1b[K",
			"\r/ thinking!\x1b[K",
			"\r- thinking!\x1b[K",
			"\r\\ thinking!\x1b[K",
		}, r.all(), "one write per frame, every 100 ms")
		s.Stop()
		require.Equal(t, "\r\x1b[K", r.all()[4], "Stop clears the line")
	})
}

func TestUpdateShowsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "one", tty(r)...)
		synctest.Wait()
		s.Update("two")
		synctest.Wait() // no time passes
		require.Equal(t, "\r| two\x1b[K", r.all()[1])
		s.Update("two") // unchanged: no redraw
		synctest.Wait()
		require.Equal(t, 2, r.count())
		require.Equal(t, "two", s.Message())
		s.Stop()
	})
}

func TestNothingWrittenAfterStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r)...)
		time.Sleep(250 * time.Millisecond)
		s.Success("done")
		n := r.count()
		require.Equal(t, "\r\x1b[Kdone\n", r.all()[n-1], "clean line, then the final message")
		time.Sleep(time.Second)
		s.Update("late")
		s.Stop() // idempotent
		s.Fail("ignored")
		synctest.Wait()
		require.Equal(t, n, r.count())
		require.False(t, s.Running())
	})
}

func TestContextCancelStopsWithinOneInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		s := Start(ctx, "x", tty(r, HideCursor())...)
		time.Sleep(150 * time.Millisecond)
		cancel()
		synctest.Wait() // the goroutine exited (goleak would also tell)
		require.False(t, s.Running())
		w := r.all()
		require.Equal(t, "\x1b[?25l\r| x\x1b[K", w[0], "cursor hidden and first frame, in one write")
		require.Equal(t, "\r\x1b[K\x1b[?25h", w[len(w)-1], "line cleared and cursor restored on cancel")
		s.Stop() // no-op
		require.Len(t, r.all(), len(w))
	})
}

func TestRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "first", tty(r)...)
		s.Stop()
		s.Update("second")
		s.Restart(context.Background())
		s.Restart(context.Background()) // running: no-op
		synctest.Wait()
		require.True(t, s.Running())
		require.Contains(t, r.all()[len(r.all())-1], "second")
		s.Stop()
	})
}

func TestConcurrentUpdates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r)...)
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range 50 {
					s.Update(strings.Repeat("m", i+j%3))
					time.Sleep(7 * time.Millisecond)
				}
			}()
		}
		wg.Wait()
		s.Stop()
		for _, w := range r.all()[:r.count()-1] {
			require.True(t, strings.HasPrefix(w, "\r") && strings.HasSuffix(w, "\x1b[K"), "every frame one whole write: %q", w)
		}
	})
}

func TestPlainWriterNoEscapes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "downloading", WithWriter(r)) // detected: not a terminal
		time.Sleep(time.Second)
		s.Update("downloading")
		s.Update("saving")
		synctest.Wait()
		time.Sleep(time.Second)
		s.Success("20 flags downloaded")
		require.Equal(t, []string{"downloading\n", "saving\n", "20 flags downloaded\n"}, r.all())
		for _, w := range r.all() {
			require.NotContains(t, w, "\r")
			require.NotContains(t, w, "\x1b")
		}
	})
}

func TestDumbTerminal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", WithWriter(r), withGetenv(func(k string) string {
			if k == "TERM" {
				return "dumb"
			}
			return ""
		}))
		s.Stop()
		require.Equal(t, []string{"x\n"}, r.all())
	})
}

func TestTruncatedToWidthInColumns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "下载国旗 downloading flags", WithWriter(r), WithTerminal(true), WithWidth(12))
		synctest.Wait()
		s.Stop()
		// 11 usable columns: "| " (2) + four wide characters (8) = 10; the
		// space after them would be the 11th, "d" the 12th.
		require.Equal(t, "\r| 下载国旗 \x1b[K", r.all()[0])
	})
}

func TestWriteErrorSurfaced(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{fail: errors.New("broken pipe")}
		s := Start(context.Background(), "x", tty(r)...)
		time.Sleep(time.Second)
		s.Stop()
		require.EqualError(t, s.Err(), "broken pipe")
	})
}

func TestRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		v, err := Run(context.Background(), "thinking!", func(context.Context) (int, error) {
			time.Sleep(2950 * time.Millisecond) // not 3 s: a tie with the 30th tick would be a coin toss
			return 42, nil
		}, tty(r)...)
		require.NoError(t, err)
		require.Equal(t, 42, v)
		w := r.all()
		require.Equal(t, 31, len(w), "frames at 0, 0.1, …, 2.9 s, then the clearing write")
		require.Equal(t, "\r\x1b[K", w[len(w)-1])
	})
}

func TestFramesAndInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r, WithFrames(Arc), WithInterval(time.Millisecond))...)
		time.Sleep(10 * time.Millisecond) // the interval is at least 10 ms
		synctest.Wait()
		s.Stop()
		require.Equal(t, []string{"\r◜ x\x1b[K", "\r◠ x\x1b[K", "\r\x1b[K"}, r.all())
	})
}

// Stop right after the context ended still waits for the clean-up write.
func TestStopAfterContextEndWaitsForCleanup(t *testing.T) {
	for range 200 {
		r := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		s := Start(ctx, "x", tty(r)...)
		cancel()
		s.Stop()
		n := r.count()
		require.Equal(t, "\r\x1b[K", r.all()[n-1], "the clean-up was written before Stop returned")
	}
}
