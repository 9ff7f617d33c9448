package benchmarks

import (
	"context"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/tulipgo/tulip/future"
)

// The limited-group workload: n tiny tasks in one group, at most 8 running
// at once (a goroutine per task, started when there is room), every result
// collected by index, then the group's Wait.
var groupContenders = []poolContender{
	{"tulip-Group.SetLimit", func(n int) []int {
		// Typed results: each GoIn returns the task's future.
		g := future.NewGroup(context.Background())
		g.SetLimit(workers)
		fs := make([]*future.Future[int], n)
		for i := range fs {
			fs[i] = future.GoIn(g, func(context.Context) (int, error) { return tiny(i), nil })
		}
		if err := g.Wait(); err != nil {
			panic(err)
		}
		out := make([]int, n)
		for i, f := range fs {
			out[i], _ = f.TryResult()
		}
		return out
	}},
	{"errgroup-SetLimit", func(n int) []int {
		// No results: each task stores its own.
		out := make([]int, n)
		var g errgroup.Group
		g.SetLimit(workers)
		for i := range n {
			g.Go(func() error { out[i] = tiny(i); return nil })
		}
		if err := g.Wait(); err != nil {
			panic(err)
		}
		return out
	}},
}

func BenchmarkGroupLimit10k(b *testing.B) {
	for _, c := range groupContenders {
		b.Run(c.name, func(b *testing.B) { perItem(b, tasks, "ns/task", func() { c.run(tasks) }) })
	}
}
