package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

// benchQueries is the mix each benchmark session cycles through: 3 to 33
// results each, like a person's queries. None has no result: on Python 3.12
// and later the book's server ends a session with an AssertionError when
// asyncio's writelines is given no lines (fluentpython/example-code-2e#61),
// which would leave its benchmark nothing to measure.
var benchQueries = []string{"rook", "cat face", "chess black", "sun", "umbrella", "dollar sign", "hangul syllable gag", "smiling"}

// BenchmarkRoundTrip measures queries per second over loopback with 16
// concurrent sessions, each sending a query and reading the whole answer and
// the next prompt before sending the next (the book's measurement: its
// server answers about 2,300-5,000 queries/s here). The log is discarded.
//
// With TULIP_TCPFINDER_ADDR=127.0.0.1:PORT it measures the server already
// listening there instead (the book's, say), with the same client; only
// loopback addresses are accepted.
func BenchmarkRoundTrip(b *testing.B) { benchSessions(b, 1) }

// BenchmarkPipelined is BenchmarkRoundTrip with clients that send 16 queries
// at a time and then read the 16 answers, as a file of queries piped into a
// session does (the book's server reads them a line at a time too).
func BenchmarkPipelined(b *testing.B) { benchSessions(b, 16) }

// benchSessions runs 16 sessions against the server under test, each
// sending depth queries, then reading their answers, until b.N queries have
// been answered.
func benchSessions(b *testing.B, depth int) {
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
	queries := make([][]byte, len(benchQueries))
	for i, q := range benchQueries {
		queries[i] = []byte(q + "\r\n")
	}
	rule := []byte(statusRule)
	var left atomic.Int64 // queries still to send
	left.Store(int64(b.N))
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	for s := range sessions {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				b.Error(err)
				return
			}
			defer c.Close()
			r := bufio.NewReaderSize(c, 64<<10)
			buf := make([]byte, len(prompt))
			if _, err := io.ReadFull(r, buf); err != nil {
				b.Error(err)
				return
			}
			var batch []byte
			for i := s; ; {
				n := int(min(left.Add(-int64(depth))+int64(depth), int64(depth)))
				if n <= 0 {
					return
				}
				batch = batch[:0]
				for range n {
					batch = append(batch, queries[i%len(queries)]...)
					i++
				}
				if _, err := c.Write(batch); err != nil {
					b.Error(err)
					return
				}
				for range n {
					for {
						line, err := r.ReadSlice('\n')
						if err != nil {
							b.Error(err)
							return
						}
						if bytes.HasPrefix(line, rule) {
							break
						}
					}
					if _, err := io.ReadFull(r, buf); err != nil {
						b.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
}
