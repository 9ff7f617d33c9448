package index_test

import (
	"runtime"
	"testing"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// BenchmarkNew measures building the full index: time per build and the
// bytes it allocates (B/op); "MB-live" is the heap the built index keeps.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		index.New()
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix := index.New()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-live")
	b.ReportMetric(float64(ix.Len()), "chars")
	runtime.KeepAlive(ix)
}

// BenchmarkSearch measures queries against the full index, per query.
func BenchmarkSearch(b *testing.B) {
	ix := index.New()
	for _, q := range []string{"rook", "cat face", "chess black", "sun", "cjk", "4E00", "brillig"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(ix.Search(q))
			}
			b.ReportMetric(float64(n), "results")
		})
	}
}
