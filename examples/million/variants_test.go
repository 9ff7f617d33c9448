package main

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestVariantsSleepOnceInParallel(t *testing.T) {
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				var startedAt time.Duration
				finished, err := v(t.Context(), 1000, time.Second, func() { startedAt = time.Since(start) })
				require.NoError(t, err)
				require.Equal(t, 1000, finished)
				require.Zero(t, startedAt, "starting takes no fake time")
				require.Equal(t, time.Second, time.Since(start), "the sleeps overlap: one second in all")
			})
		})
	}
}

func TestVariantsCancel(t *testing.T) {
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				time.AfterFunc(500*time.Millisecond, cancel)
				start := time.Now()
				finished, err := v(ctx, 1000, time.Hour, func() {})
				require.Error(t, err)
				require.Zero(t, finished)
				require.Equal(t, 500*time.Millisecond, time.Since(start), "cancelled at once, not after the hour")
				// synctest.Test fails if any task's goroutine is left.
			})
		})
	}
}
