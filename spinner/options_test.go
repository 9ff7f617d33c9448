package spinner

import (
	"context"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFramesAreGraphemeClusters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r, WithFrames("⏱️⌛"))...)
		time.Sleep(150 * time.Millisecond)
		s.Stop()
		require.Equal(t, []string{"\r⏱️ x\x1b[K", "\r⌛ x\x1b[K", "\r\x1b[K"}, r.all())
	})
}

func TestFrameStrings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r, WithFrameStrings("[=  ]", "[ = ]", "[  =]", "*"))...)
		time.Sleep(350 * time.Millisecond)
		s.Stop()
		require.Equal(t, []string{"\r[=  ] x\x1b[K", "\r[ = ] x\x1b[K", "\r[  =] x\x1b[K", "\r*     x\x1b[K", "\r\x1b[K"}, r.all(),
			"a narrower frame is padded so the message stays put")
	})
}

func TestPlainRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "0", WithWriter(r))
		time.Sleep(5 * time.Millisecond) // off the second's ticks: no ties
		for i := 1; i <= 250; i++ {      // 2.5 s of updates every 10 ms
			s.Update(strconv.Itoa(i))
			time.Sleep(10 * time.Millisecond)
		}
		synctest.Wait()
		s.Success("done")
		require.Equal(t, []string{"0\n", "100\n", "200\n", "250\ndone\n"}, r.all(),
			"at most one line a second; the last message is written at stop")
	})
}

func TestPlainIntervalZeroWritesEveryChange(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "a", WithWriter(r), WithPlainInterval(0))
		synctest.Wait()
		s.Update("b")
		synctest.Wait()
		s.Update("c")
		synctest.Wait()
		s.Stop()
		require.Equal(t, []string{"a\n", "b\n", "c\n"}, r.all())
	})
}

func TestDelayShowsNothingForAShortTask(t *testing.T) {
	for _, terminal := range []bool{true, false} {
		synctest.Test(t, func(t *testing.T) {
			r := &recorder{}
			v, err := Run(context.Background(), "x", func(context.Context) (int, error) {
				time.Sleep(20 * time.Millisecond)
				return 1, nil
			}, WithWriter(r), WithTerminal(terminal), WithWidth(80), WithDelay(100*time.Millisecond), HideCursor())
			require.NoError(t, err)
			require.Equal(t, 1, v)
			require.Empty(t, r.all(), "terminal=%v", terminal)
		})
	}
}

func TestDelayThenSpin(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r, WithDelay(100*time.Millisecond))...)
		time.Sleep(50 * time.Millisecond)
		synctest.Wait()
		require.Empty(t, r.all())
		time.Sleep(100 * time.Millisecond)
		synctest.Wait()
		require.Equal(t, []string{"\r| x\x1b[K"}, r.all())
		s.Stop()
	})
}

func TestSuccessNeverDrew(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r, WithDelay(time.Second))...)
		s.Success("done")
		require.Equal(t, []string{"done\n"}, r.all())

		r2 := &recorder{}
		n := New("x", tty(r2)...)
		require.Equal(t, `<Spinner initial msg="x">`, n.String())
		n.Fail("failed")
		require.Equal(t, []string{"failed\n"}, r2.all(), "New then Fail: just the final line")
	})
}

func TestNoColor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "\x1b[31mred\x1b[0m", WithWriter(r), WithTerminal(true), WithWidth(80),
			withGetenv(func(k string) string {
				if k == "NO_COLOR" {
					return "1"
				}
				return ""
			}))
		synctest.Wait()
		s.Stop()
		require.Equal(t, "\r| red\x1b[K", r.all()[0])
	})
}

func TestFinalLineKeepsColourAndEndsIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		s := Start(context.Background(), "x", tty(r)...)
		synctest.Wait()
		s.Success("\x1b[32m✓ done\nall")
		require.Equal(t, "\r\x1b[K\x1b[32m✓ done all\x1b[0m\n", r.all()[1], "one line, its colour reset")
	})
}
