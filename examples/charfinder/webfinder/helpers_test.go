package main

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

var fullIndex = sync.OnceValue(func() *index.Index { return index.New() })

// startServer serves the finder on a loopback port with the command's server
// settings and returns its base URL ("http://127.0.0.1:port").
func startServer(t testing.TB, lim limits, to timeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	logger := log.New(io.Discard, "", 0)
	srv := newHTTPServer((&finder{ix: fullIndex(), lim: lim, log: logger}).handler(), logger, to)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, srv.Shutdown(ctx))
		require.ErrorIs(t, <-served, http.ErrServerClosed)
	})
	return "http://" + ln.Addr().String()
}

// get fetches url with a client of its own (closed afterwards, so no idle
// connection outlives the test) and returns the response and its body.
func get(t testing.TB, url string) (*http.Response, string) {
	t.Helper()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	resp, err := c.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}
