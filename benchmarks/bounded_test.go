package benchmarks

import (
	"context"
	"sync"
	"testing"

	"github.com/alitto/pond/v2"

	"github.com/tulipgo/tulip/future"
)

// The bounded-queue workload: the pool workload's n tiny tasks through 8
// workers, but at most queueBound tasks may wait for a worker, and
// submitting blocks while that many wait (backpressure). Every result is
// collected, by index.
const queueBound = 64

var boundedContenders = []poolContender{
	{"baseline-buffered-channel", func(n int) []int {
		// The same as the pool workload's baseline: its jobs channel, of
		// capacity 64, is the bounded queue.
		out := make([]int, n)
		jobs := make(chan int, queueBound)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range jobs {
					out[i] = tiny(i)
				}
			})
		}
		for i := range n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		return out
	}},
	{"tulip-QueueSize+Submit", func(n int) []int {
		ex := future.NewExecutor(workers, future.QueueSize(queueBound))
		defer ex.Close()
		ctx := context.Background()
		fs := make([]*future.Future[int], n)
		for i := range fs {
			fs[i] = future.Submit(ctx, ex, func(context.Context) (int, error) { return tiny(i), nil })
		}
		out := make([]int, n)
		for i, f := range fs {
			out[i], _ = f.Result(ctx)
		}
		return out
	}},
	{"pond-WithQueueSize", func(n int) []int {
		// Blocking when full is pond's default (WithNonBlocking(false)).
		p := pond.NewResultPool[int](workers, pond.WithQueueSize(queueBound))
		defer p.StopAndWait()
		rs := make([]pond.ResultTask[int], n)
		for i := range rs {
			rs[i] = p.SubmitErr(func() (int, error) { return tiny(i), nil })
		}
		out := make([]int, n)
		for i, r := range rs {
			out[i], _ = r.Wait()
		}
		return out
	}},
}

func BenchmarkBoundedQueue10k(b *testing.B) {
	for _, c := range boundedContenders {
		b.Run(c.name, func(b *testing.B) { perItem(b, tasks, "ns/task", func() { c.run(tasks) }) })
	}
}
