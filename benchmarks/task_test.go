package benchmarks

import (
	"context"
	"testing"

	"github.com/alitto/pond/v2"

	"github.com/tulipgo/tulip/future"
)

// One task started and awaited, its result read.
var taskContenders = []struct {
	name string
	make func() (run func(int) int, close func())
}{
	{"baseline-goroutine+channel", func() (func(int) int, func()) {
		return func(i int) int {
			ch := make(chan int, 1)
			go func() { ch <- tiny(i) }()
			return <-ch
		}, func() {}
	}},
	{"tulip-Go+Result", func() (func(int) int, func()) {
		ctx := context.Background()
		return func(i int) int {
			v, _ := future.Go(ctx, func(context.Context) (int, error) { return tiny(i), nil }).Result(ctx)
			return v
		}, func() {}
	}},
	{"tulip-Submit+Result", func() (func(int) int, func()) {
		ex := future.NewExecutor(0)
		ctx := context.Background()
		return func(i int) int {
			v, _ := future.Submit(context.Background(), ex, func(context.Context) (int, error) { return tiny(i), nil }).Result(ctx)
			return v
		}, func() { _ = ex.Close() }
	}},
	{"pond-SubmitErr+Wait", func() (func(int) int, func()) {
		p := pond.NewResultPool[int](0)
		return func(i int) int {
			v, _ := p.SubmitErr(func() (int, error) { return tiny(i), nil }).Wait()
			return v
		}, p.StopAndWait
	}},
}

func BenchmarkOneTask(b *testing.B) {
	for _, c := range taskContenders {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			run, done := c.make()
			defer done()
			i := 0
			for b.Loop() {
				run(i)
				i++
			}
		})
	}
}
