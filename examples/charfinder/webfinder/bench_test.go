package main

import (
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
)

var benchQueries = []string{"rook", "cat face", "chess black", "sun", "brillig", "dollar sign", "hangul syllable gag", "smiling"}

// BenchmarkSearchHTTP measures GET /search over loopback with 16 concurrent
// keep-alive clients, in requests per second.
func BenchmarkSearchHTTP(b *testing.B) {
	base := startServer(b, defaultLimits, defaultTimeouts)
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	urls := make([]string, len(benchQueries))
	for i, q := range benchQueries {
		urls[i] = base + "/search?q=" + url.QueryEscape(q)
	}
	var next atomic.Int64
	b.SetParallelism(8) // 16 goroutines on 2 CPUs
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1))
		for pb.Next() {
			resp, err := client.Get(urls[i%len(urls)])
			i++
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
