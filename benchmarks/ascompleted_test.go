package benchmarks

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// The as-completed workload: n results produced by one goroutine in a
// random order, consumed in completion order. Each contender returns the
// values in the order it saw them.
const completions = 1_000

var completedContenders = []struct {
	name string
	run  func(perm []int) []int
}{
	{"tulip-ascompleted.Of", func(perm []int) []int {
		fs := make([]*future.Future[int], len(perm))
		for i := range fs {
			fs[i] = future.New[int]()
		}
		go func() {
			for _, i := range perm {
				_ = fs[i].SetResult(i)
			}
		}()
		out := make([]int, 0, len(perm))
		for f, err := range ascompleted.Of(context.Background(), fs...) {
			if err != nil {
				panic(err)
			}
			v, _ := f.TryResult()
			out = append(out, v)
		}
		return out
	}},
	{"baseline-shared-channel", func(perm []int) []int {
		// Needs every producer's cooperation: whoever finishes sends.
		ch := make(chan int, 64)
		go func() {
			for _, i := range perm {
				ch <- i
			}
		}()
		out := make([]int, 0, len(perm))
		for range perm {
			out = append(out, <-ch)
		}
		return out
	}},
	{"reflect.Select", func(perm []int) []int {
		// A channel per producer, selected over: quadratic.
		chs := make([]chan int, len(perm))
		cases := make([]reflect.SelectCase, len(perm))
		for i := range chs {
			chs[i] = make(chan int, 1)
			cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(chs[i])}
		}
		go func() {
			for _, i := range perm {
				chs[i] <- i
			}
		}()
		out := make([]int, 0, len(perm))
		for range perm {
			k, v, _ := reflect.Select(cases)
			cases[k].Chan = reflect.Value{} // a zero Chan is ignored from now on
			out = append(out, int(v.Int()))
		}
		return out
	}},
}

func BenchmarkAsCompleted1k(b *testing.B) {
	perm := rand.Perm(completions)
	for _, c := range completedContenders {
		b.Run(c.name, func(b *testing.B) { perItem(b, completions, "ns/future", func() { c.run(perm) }) })
	}
}
