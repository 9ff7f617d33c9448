package coroutines

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// echo yields what it was sent, prefixed with the count, and returns the
// number of values received; log records what the body saw.
func echo(log *[]string) *Coroutine[string, string, int] {
	return New(func(yield func(string) (string, bool)) int {
		defer func() { *log = append(*log, "finally") }()
		n := 0
		in, ok := yield("ready")
		for ok {
			n++
			*log = append(*log, in)
			in, ok = yield(in + "!")
		}
		*log = append(*log, "closed")
		return n
	})
}

func TestSendBeforePrime(t *testing.T) {
	var log []string
	c := echo(&log)
	defer c.Close()
	_, err := c.Send("x")
	require.ErrorIs(t, err, ErrNotStarted)
	require.Empty(t, log, "the body must not have run")
	require.False(t, c.Done())
	v, err := c.Next()
	require.NoError(t, err)
	require.Equal(t, "ready", v)
	v, err = c.Send("a")
	require.NoError(t, err)
	require.Equal(t, "a!", v)
}

func TestCloseRunsDeferredAndDiscardsResult(t *testing.T) {
	var log []string
	c := echo(&log)
	_, _ = c.Next()
	_, _ = c.Send("a")
	c.Close()
	require.Equal(t, []string{"a", "closed", "finally"}, log, "Close returns after the body's defers")
	require.True(t, c.Done())
	_, ok := c.Result()
	require.False(t, ok, "closed before returning by itself")
	_, err := c.Next()
	require.ErrorIs(t, err, ErrStopped)
	_, err = c.Send("b")
	require.ErrorIs(t, err, ErrStopped)
	c.Close() // idempotent
}

func TestCloseNeverStarted(t *testing.T) {
	var log []string
	c := echo(&log)
	c.Close()
	require.Empty(t, log, "a body never started never runs")
	_, err := c.Next()
	require.ErrorIs(t, err, ErrStopped)
	_, err = c.Send("x")
	require.ErrorIs(t, err, ErrStopped, "a closed coroutine is stopped, not unstarted")
}

func TestReturnValue(t *testing.T) {
	c := New(func(yield func(int) (int, bool)) string {
		a, _ := yield(1)
		b, _ := yield(2)
		return "sum " + string(rune('0'+a+b))
	})
	defer c.Close()
	_, ok := c.Result()
	require.False(t, ok)
	v, _ := c.Next()
	require.Equal(t, 1, v)
	v, _ = c.Send(3)
	require.Equal(t, 2, v)
	_, err := c.Send(4)
	require.ErrorIs(t, err, ErrStopped)
	r, ok := c.Result()
	require.True(t, ok)
	require.Equal(t, "sum 7", r)
	require.True(t, c.Done())
}

// A body that keeps yielding after being closed gets false at once each time
// and is not resumed by anyone: Close still returns.
func TestYieldAfterCloseReturnsFalse(t *testing.T) {
	var afterClose []bool
	c := New(func(yield func(int) (int, bool)) int {
		yield(1)
		for range 3 {
			_, ok := yield(2)
			afterClose = append(afterClose, ok)
		}
		return 0
	})
	_, _ = c.Next()
	c.Close()
	require.Equal(t, []bool{false, false, false}, afterClose)
}

func TestPanicPropagatesAndStops(t *testing.T) {
	c := New(func(yield func(int) (int, bool)) int {
		yield(1)
		panic("boom")
	})
	defer c.Close()
	_, _ = c.Next()
	require.PanicsWithValue(t, "boom", func() { _, _ = c.Send(0) })
	require.True(t, c.Done())
	_, err := c.Next()
	require.ErrorIs(t, err, ErrStopped)
}

func TestAveragerPython(t *testing.T) {
	avg := Averager()
	defer avg.Close()
	v, err := avg.Next()
	require.NoError(t, err)
	require.Equal(t, 0.0, v)
	for _, step := range [][2]float64{{10, 10}, {30, 20}, {5, 15}} {
		v, err := avg.Send(step[0])
		require.NoError(t, err)
		require.Equal(t, step[1], v)
	}
}

func TestAverager2NoValues(t *testing.T) {
	avg := Averager2()
	defer avg.Close()
	_, _ = avg.Next()
	_, err := avg.Send(Stop)
	require.ErrorIs(t, err, ErrStopped)
	r, ok := avg.Result()
	require.True(t, ok)
	require.Equal(t, "Result(count=0, average=0.0)", r.String())
}

func TestPyFloat(t *testing.T) {
	for f, want := range map[float64]string{15.5: "15.5", 10: "10.0", 1e22: "1e+22", 0.1: "0.1"} {
		require.Equal(t, want, pyFloat(f))
	}
}

func BenchmarkSend(b *testing.B) {
	avg := Averager()
	defer avg.Close()
	_, _ = avg.Next()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = avg.Send(1)
	}
}
