package ascompleted_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// Each benchmark: n results produced by one goroutine in a random order while
// the consumer takes them in completion order. The setup (futures or
// channels) is part of the cost, as it is for a user. Reported: ns/future.

var sizes = []int{1_000, 10_000, 100_000}

func BenchmarkOf(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			perm := rand.Perm(n)
			ctx := context.Background()
			for b.Loop() {
				fs := make([]*future.Future[int], n+1)
				for i := range fs {
					fs[i] = future.New[int]()
				}
				// fs[n] is done from the start, so it is yielded first: the
				// producer starts only then, when every other future is
				// pending and registered (the costlier path).
				_ = fs[n].SetResult(n)
				got := 0
				for range ascompleted.Of(ctx, fs...) {
					if got == 0 {
						go func() {
							for _, i := range perm {
								_ = fs[i].SetResult(i)
							}
						}()
					}
					got++
				}
				if got != n+1 {
					b.Fatalf("got %d of %d", got, n+1)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/future")
		})
	}
}

// Baseline: the hand-rolled as-completed when you control the producers: the
// same futures, and whoever resolves one also sends it on one shared
// buffered channel. Cheapest possible, but it needs every producer's
// cooperation and cannot follow futures made by someone else.
func BenchmarkBaselineSharedChannel(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			perm := rand.Perm(n)
			for b.Loop() {
				fs := make([]*future.Future[int], n)
				for i := range fs {
					fs[i] = future.New[int]()
				}
				ch := make(chan *future.Future[int], 64)
				go func() {
					for _, i := range perm {
						_ = fs[i].SetResult(i)
						ch <- fs[i]
					}
				}()
				for range n {
					<-ch
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/future")
		})
	}
}

// Baseline: reflect.Select over one channel per result, removing each as it
// fires: what a generic as-completed over channels does without callbacks.
// Quadratic, so shown only up to 10,000 (skipped at 10,000 with -short).
func BenchmarkBaselineReflectSelect(b *testing.B) {
	for _, n := range sizes[:2] {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n > 1_000 && testing.Short() {
				b.Skip("quadratic: skipped with -short")
			}
			b.ReportAllocs()
			perm := rand.Perm(n)
			for b.Loop() {
				chans := make([]chan int, n)
				cases := make([]reflect.SelectCase, n)
				for i := range chans {
					chans[i] = make(chan int, 1)
					cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(chans[i])}
				}
				go func() {
					for _, i := range perm {
						chans[i] <- i
					}
				}()
				for len(cases) > 0 {
					chosen, _, _ := reflect.Select(cases)
					cases[chosen] = cases[len(cases)-1]
					cases = cases[:len(cases)-1]
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/future")
		})
	}
}
