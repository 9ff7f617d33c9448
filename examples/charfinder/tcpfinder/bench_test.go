package main

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// benchQueries is the mix each benchmark session cycles through: 1 to 33
// results each, like a person's queries.
var benchQueries = []string{"rook", "cat face", "chess black", "sun", "brillig", "dollar sign", "hangul syllable gag", "smiling"}

// BenchmarkRoundTrip measures queries per second over loopback with 16
// concurrent sessions, each sending a query and reading the whole answer and
// the next prompt before sending the next (the book's measurement: its
// server answers about 2,300-5,000 queries/s here). The log is discarded.
//
// With TULIP_TCPFINDER_ADDR=127.0.0.1:PORT it measures the server already
// listening there instead (the book's, say), with the same client; only
// loopback addresses are accepted.
func BenchmarkRoundTrip(b *testing.B) {
	addr := os.Getenv("TULIP_TCPFINDER_ADDR")
	if addr != "" {
		host, _, err := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			b.Fatalf("TULIP_TCPFINDER_ADDR=%q: want a loopback host:port", addr)
		}
	} else {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		addr = ln.Addr().String()
		ctx, cancel := context.WithCancel(context.Background())
		srv := newServer(fullIndex(), log.New(io.Discard, "", 0), defaultLimits)
		done := make(chan error, 1)
		go func() { done <- srv.serve(ctx, ln) }()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				b.Error(err)
			}
		}()
	}

	const sessions = 16
	b.SetParallelism((sessions + 1) / 2) // RunParallel starts parallelism × GOMAXPROCS goroutines
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			b.Error(err)
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		buf := make([]byte, len(prompt))
		if _, err := io.ReadFull(r, buf); err != nil {
			b.Error(err)
			return
		}
		i := int(next.Add(1))
		for pb.Next() {
			q := benchQueries[i%len(benchQueries)]
			i++
			if _, err := io.WriteString(c, q+"\r\n"); err != nil {
				b.Error(err)
				return
			}
			for {
				line, err := r.ReadSlice('\n')
				if err != nil {
					b.Error(err)
					return
				}
				if strings.HasPrefix(string(line), statusRule) {
					break
				}
			}
			if _, err := io.ReadFull(r, buf); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
}
