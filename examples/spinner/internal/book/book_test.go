package book

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/spinner"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSlow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		v, err := Slow(context.Background(), 3*time.Second)
		require.NoError(t, err)
		require.Equal(t, 42, v)
		require.Equal(t, 3*time.Second, time.Since(start))

		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = Slow(ctx, time.Hour)
		require.ErrorIs(t, err, context.Canceled)
	})
}

func TestMainExitStatus(t *testing.T) {
	failing := func(context.Context, io.Writer, time.Duration, []spinner.Option) (int, error) {
		return 0, errors.New("interrupted")
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 130, Main(context.Background(), "x", failing, nil, &out, &errOut))
	require.Equal(t, "x: interrupted\n", errOut.String())

	errOut.Reset()
	require.Equal(t, 2, Main(context.Background(), "x", failing, []string{"-delay", "-1s"}, &out, &errOut))
	require.Equal(t, "usage: x [-delay DURATION] [-run]\n", errOut.String())

	errOut.Reset()
	require.Equal(t, 0, Main(context.Background(), "x", failing, []string{"-h"}, &out, &errOut))
	require.Contains(t, errOut.String(), "usage: x")
	require.Contains(t, errOut.String(), "-delay")
}
