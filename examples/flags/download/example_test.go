package download_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tulipgo/tulip/examples/flags/download"
	"github.com/tulipgo/tulip/examples/flags/site"
)

// Run with the tasks strategy: a task per flag, at most 3 requests at once,
// results in completion order; every code ends in one status.
func ExampleRun() {
	s, _ := site.New(site.Local())
	srv, err := s.Listen("127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	dir, _ := os.MkdirTemp("", "flags")
	defer os.RemoveAll(dir)
	saver, err := download.NewSaver(filepath.Join(dir, "downloaded"))
	if err != nil {
		panic(err)
	}
	defer saver.Close()
	client := download.NewClient(3, download.DefaultTimeout, nil)
	defer client.CloseIdleConnections()
	d := &download.Downloader{Client: client, BaseURL: srv.URL, Saver: saver}

	counts, err := download.Run(context.Background(), download.Tasks, []string{"BR", "JP", "ZZ", "GB"}, 3, d.Flag, nil)
	fmt.Printf("%+v %v\n", counts, err)
	// Output: {OK:3 NotFound:1 Error:0} <nil>
}

func ExampleResult_Line() {
	fmt.Println(download.Result{CC: "BR", Status: download.OK}.Line())
	fmt.Println(download.Result{CC: "ZZ", Status: download.NotFound, URL: "http://127.0.0.1:8000/flags/zz/zz.gif"}.Line())
	fmt.Println(download.Result{CC: "JP", Status: download.Error, Err: &download.HTTPError{Code: 418, Reason: "I'm a Teapot"}}.Line())
	// Output:
	// BR OK
	// ZZ not found: http://127.0.0.1:8000/flags/zz/zz.gif
	// JP error: HTTP error 418 - I'm a Teapot
}
