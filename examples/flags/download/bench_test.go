package download

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tulipgo/tulip/examples/flags/site"
)

// BenchmarkRun downloads the 194 flags from a LOCAL site on an in-memory
// listener with each strategy: the cost of the machinery (requests, tasks,
// semaphore, as-completed, saving) per flag, with no network delay.
func BenchmarkRun(b *testing.B) {
	for _, s := range Strategies() {
		b.Run(string(s), func(b *testing.B) {
			st, err := site.New(site.Local())
			if err != nil {
				b.Fatal(err)
			}
			st.Warm()
			l := site.NewPipeListener()
			srv := st.Start(l)
			defer srv.Close()
			client := NewClient(20, DefaultTimeout, l.DialContext)
			defer client.CloseIdleConnections()
			saver, err := NewSaver(filepath.Join(b.TempDir(), "downloaded"))
			if err != nil {
				b.Fatal(err)
			}
			defer saver.Close()
			d := &Downloader{Client: client, BaseURL: srv.URL, Saver: saver}
			codes := site.Codes()
			b.ReportAllocs()
			for b.Loop() {
				c, err := Run(context.Background(), s, codes, 20, d.Flag, nil)
				if err != nil || c.OK != len(codes) {
					b.Fatalf("%+v %v", c, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(codes)), "ns/flag")
		})
	}
}
