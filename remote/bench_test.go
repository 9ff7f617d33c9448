package remote_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/remote"
)

var Empty = remote.NewFunc[struct{}, struct{}]("empty")

// benchPool starts a server, workers with their own connections, and a client.
func benchPool(b *testing.B, workers int) *remote.Client {
	s := runServer(b, serverOptions(b.TempDir(), 0))
	reg := remote.NewRegistry()
	remote.Register(reg, Empty, func(context.Context, struct{}) (struct{}, error) { return struct{}{}, nil })
	for range workers {
		nc, err := nats.Connect(s.ClientURL())
		require.NoError(b, err)
		w, err := remote.NewWorker(nc, reg, remote.Concurrency(8))
		require.NoError(b, err)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- w.Run(ctx) }()
		b.Cleanup(func() { cancel(); <-done; nc.Close() })
	}
	nc, err := nats.Connect(s.ClientURL())
	require.NoError(b, err)
	c, err := remote.NewClient(nc)
	require.NoError(b, err)
	b.Cleanup(func() { c.Close(); nc.Close() })
	return c
}

// BenchmarkRoundTrip: one empty task at a time, Submit to Result.
func BenchmarkRoundTrip(b *testing.B) {
	c := benchPool(b, 1)
	ctx := context.Background()
	b.ReportAllocs()
	t0 := time.Now()
	for b.Loop() {
		_, err := remote.Submit(ctx, c, Empty, struct{}{}).Result(ctx)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(t0).Microseconds())/float64(b.N), "µs/task")
}

// BenchmarkThroughput: empty tasks through Map (window 256) with 1 and 2
// workers of 8 slots each.
func BenchmarkThroughput(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			c := benchPool(b, workers)
			ctx := context.Background()
			b.ReportAllocs()
			t0 := time.Now()
			in := func(yield func(struct{}) bool) {
				for range b.N {
					if !yield(struct{}{}) {
						return
					}
				}
			}
			for _, err := range remote.Map(ctx, c, Empty, in, remote.Window(256)) {
				if err != nil {
					b.Fatal(err)
				}
			}
			el := time.Since(t0)
			b.ReportMetric(float64(b.N)/el.Seconds(), "tasks/s")
		})
	}
}
