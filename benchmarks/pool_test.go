package benchmarks

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/alitto/pond/v2"
	"github.com/panjf2000/ants/v2"
	"github.com/sourcegraph/conc/iter"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"

	"github.com/tulipgo/tulip/future"
)

// The pool workload: n tiny tasks through 8 workers, each result stored at
// its task's index. Every contender starts its pool, runs the n tasks,
// collects every result and shuts the pool down; all of that is the cost.
const (
	tasks   = 10_000
	workers = 8
)

func tiny(i int) int { return i*2 + 1 }

type poolContender struct {
	name string
	run  func(n int) []int
}

var poolContenders = []poolContender{
	{"baseline-channel-workers", func(n int) []int {
		out := make([]int, n)
		jobs := make(chan int, 64)
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
	{"tulip-Submit+Result", func(n int) []int {
		ex := future.NewExecutor(workers)
		defer ex.Close()
		fs := make([]*future.Future[int], n)
		for i := range fs {
			fs[i] = future.Submit(context.Background(), ex, func(context.Context) (int, error) { return tiny(i), nil })
		}
		out := make([]int, n)
		for i, f := range fs {
			out[i], _ = f.Result(context.Background())
		}
		return out
	}},
	{"tulip-Map", func(n int) []int {
		ex := future.NewExecutor(workers)
		defer ex.Close()
		out := make([]int, 0, n)
		fn := func(_ context.Context, i int) (int, error) { return tiny(i), nil }
		for v, err := range future.Map(context.Background(), ex, slices.Values(count(n)), fn) {
			if err != nil {
				panic(err)
			}
			out = append(out, v)
		}
		return out
	}},
	{"conc-pool", func(n int) []int {
		out := make([]int, n)
		p := pool.New().WithMaxGoroutines(workers)
		for i := range n {
			p.Go(func() { out[i] = tiny(i) })
		}
		p.Wait()
		return out
	}},
	{"conc-ResultPool", func(n int) []int {
		// conc v0.3 collects results in completion order, so each task
		// returns its index with its value.
		p := pool.NewWithResults[[2]int]().WithMaxGoroutines(workers)
		for i := range n {
			p.Go(func() [2]int { return [2]int{i, tiny(i)} })
		}
		out := make([]int, n)
		for _, r := range p.Wait() {
			out[r[0]] = r[1]
		}
		return out
	}},
	{"conc-iter.Map", func(n int) []int {
		// Ordered map over a slice (the input must be materialized).
		m := iter.Mapper[int, int]{MaxGoroutines: workers}
		return m.Map(count(n), func(i *int) int { return tiny(*i) })
	}},
	{"errgroup-SetLimit", func(n int) []int {
		out := make([]int, n)
		var g errgroup.Group
		g.SetLimit(workers)
		for i := range n {
			g.Go(func() error { out[i] = tiny(i); return nil })
		}
		_ = g.Wait()
		return out
	}},
	{"ants", func(n int) []int {
		out := make([]int, n)
		p, err := ants.NewPool(workers)
		if err != nil {
			panic(err)
		}
		// Release returns before the pool's purge and clock goroutines
		// have exited; ReleaseTimeout waits for them.
		defer func() { _ = p.ReleaseTimeout(5 * time.Second) }()
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			if err := p.Submit(func() { out[i] = tiny(i); wg.Done() }); err != nil {
				panic(err)
			}
		}
		wg.Wait()
		return out
	}},
	{"pond-ResultPool", func(n int) []int {
		p := pond.NewResultPool[int](workers)
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

// count returns 0, 1, …, n-1.
func count(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// perItem runs one workload over n items per iteration and reports the
// cost per item in unit.
func perItem(b *testing.B, n int, unit string, run func()) {
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), unit)
}

func BenchmarkPool10k(b *testing.B) {
	for _, c := range poolContenders {
		b.Run(c.name, func(b *testing.B) { perItem(b, tasks, "ns/task", func() { c.run(tasks) }) })
	}
}
