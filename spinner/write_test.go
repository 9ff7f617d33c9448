package spinner

import (
	"context"
	"log"
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestWriteAboveTheSpinner(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "working", tty(r)...)
		synctest.Wait()
		n, err := s.Write([]byte("progress 0\n"))
		require.NoError(t, err)
		require.Equal(t, 11, n)
		require.Equal(t, "\r\x1b[Kprogress 0\n\r| working\x1b[K", r.all()[1], "clear, the line, redraw: one write")

		l := log.New(s, "", 0)
		l.Printf("progress %d", 1)
		require.Equal(t, "\r\x1b[Kprogress 1\n\r| working\x1b[K", r.all()[2])

		slog.New(slog.NewTextHandler(s, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}})).Info("step", "n", 2)
		require.Equal(t, "\r\x1b[Klevel=INFO msg=step n=2\n\r| working\x1b[K", r.all()[3])
		s.Stop()
	})
}

func TestWriteHoldsPartialLines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "w", tty(r)...)
		synctest.Wait()
		_, _ = s.Write([]byte("par"))
		require.Equal(t, 1, r.count(), "an unfinished line waits")
		_, _ = s.Write([]byte("tial\nnext"))
		require.Equal(t, "\r\x1b[Kpartial\n\r| w\x1b[K", r.all()[1])
		time.Sleep(100 * time.Millisecond)
		synctest.Wait()
		s.Success("done")
		w := r.all()
		require.Equal(t, "\r\x1b[Knext\ndone\n", w[len(w)-1], "the held part is written at stop, before the final line")
		_, _ = s.Write([]byte("after"))
		require.Equal(t, "after", r.all()[len(w)], "a stopped spinner writes straight through")
	})
}

func TestWritePlain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "downloading", WithWriter(r))
		synctest.Wait()
		_, _ = s.Write([]byte("a\nb"))
		_, _ = s.Write([]byte("\n"))
		s.Stop()
		require.Equal(t, []string{"downloading\n", "a\n", "b\n"}, r.all())
	})
}

func TestWriteDuringDelayDoesNotDraw(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "w", tty(r, WithDelay(time.Second))...)
		_, _ = s.Write([]byte("early\n"))
		s.Stop()
		require.Equal(t, []string{"early\n"}, r.all())
	})
}

func TestWriteError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "w", tty(r)...)
		synctest.Wait()
		r.mu.Lock()
		r.failNext = 1
		r.mu.Unlock()
		n, err := s.Write([]byte("x\n"))
		require.Error(t, err)
		require.Zero(t, n)
		s.Stop()
		require.True(t, strings.HasSuffix(r.all()[len(r.all())-1], clearEOL))
	})
}
