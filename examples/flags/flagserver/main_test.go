package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// syncBuffer is a bytes.Buffer safe to write from the server and read from
// the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls out until it contains s: the server runs for real on
// loopback, so there is no fake clock to advance.
func waitFor(t *testing.T, out *syncBuffer, s string) string {
	t.Helper()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), s) }, 5*time.Second, 5*time.Millisecond)
	return out.String()
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-local", "127.0.0.1:0", "-delay", "127.0.0.1:0", "-error", "127.0.0.1:0",
			"-max-conns", "2", "-delay-time", "20ms", "-error-min", "10ms", "-error-max", "10ms", "-error-rate", "1", "-seed", "3"}, &out, &errOut)
	}()
	text := waitFor(t, &out, "Hit CTRL-C to stop.")
	urls := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(\w+) site: (\S+) \((.*)\)$`).FindAllStringSubmatch(text, -1) {
		urls[m[1]] = m[2]
	}
	require.Len(t, urls, 3, text)
	require.Contains(t, text, "ERROR site: "+urls["ERROR"]+" (delay 10ms, 100% errors)")

	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	status := func(url string) string {
		resp, err := c.Get(url)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.Status
	}
	require.Equal(t, "200 OK", status(urls["LOCAL"]+"/br/br.gif"))
	require.Equal(t, "200 OK", status(urls["DELAY"]+"/br/metadata.json"))
	require.Equal(t, "404 Not Found", status(urls["DELAY"]+"/zz/zz.gif"))
	require.Equal(t, "418 I'm a Teapot", status(urls["ERROR"]+"/jp/jp.gif"))
	text = out.String()
	require.Contains(t, text, "BR delay: 0.02s\nZZ delay: 0.02s\nJP delay: 0.01s\n")

	cancel()
	require.Equal(t, 0, <-done, errOut.String())
	require.True(t, strings.HasSuffix(out.String(), "Server shut down.\n"))
}

// TestUsage: bad flags exit 2, and before any port is taken (the default
// addresses are the book's: a test must not bind them).
func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-bogus"}, {"extra"}, {"-error-rate", "2"}, {"-local", "", "-delay", "", "-error", ""},
		{"-delay-time", "-1s"}, {"-error-min", "2s", "-error-max", "1s"}, {"-max-conns", "0"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, &out, &errOut), args)
		require.NotEmpty(t, errOut.String(), args)
		require.Empty(t, out.String(), args)
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"-h"}, &out, &errOut))
	require.Contains(t, errOut.String(), "-error-rate")
}

func TestPortTaken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-local", "127.0.0.1:0", "-delay", "", "-error", ""}, &out, &errOut)
	}()
	text := waitFor(t, &out, "Hit CTRL-C")
	addr := regexp.MustCompile(`http://([^/]+)/flags`).FindStringSubmatch(text)[1]
	var out2, errOut2 bytes.Buffer
	require.Equal(t, 1, run(ctx, []string{"-local", addr, "-delay", "", "-error", ""}, &out2, &errOut2))
	require.Contains(t, errOut2.String(), "address already in use")
	cancel()
	require.Equal(t, 0, <-done)
}

// TestPythonClient runs a Python client (standard library only; the book's
// httpx clients cannot be installed here) against the three sites: the URL
// layout, content types, metadata keys, 404s and the book's 418 reason phrase
// are what a Python HTTP stack expects. Skipped without python3.
func TestPythonClient(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-q", "-local", "127.0.0.1:0", "-delay", "127.0.0.1:0", "-error", "127.0.0.1:0",
			"-delay-time", "1ms", "-error-min", "1ms", "-error-max", "1ms", "-error-rate", "1"}, &out, &errOut)
	}()
	text := waitFor(t, &out, "Hit CTRL-C to stop.")
	urls := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(\w+) site: (\S+) `).FindAllStringSubmatch(text, -1) {
		urls[m[1]] = m[2]
	}
	for label, want := range map[string]string{
		"LOCAL": "ok=194 not_found=2 error=0 teapots=0",
		"DELAY": "ok=20 not_found=2 error=0 teapots=0",
		"ERROR": "ok=0 not_found=0 error=22 teapots=22",
	} {
		limit := "20"
		if label == "LOCAL" {
			limit = "194"
		}
		cmd := exec.CommandContext(ctx, python, "testdata/pyclient.py", urls["LOCAL"], urls[label], limit, "ZZ", "AA")
		got, err := cmd.CombinedOutput()
		require.NoError(t, err, string(got))
		require.Equal(t, want+"\n", string(got), label)
	}
	cancel()
	require.Equal(t, 0, <-done, errOut.String())
}

// TestCtrlCWithRequestInFlight: Ctrl-C lets a request waiting out its delay
// finish within the grace period, then the server stops.
func TestCtrlCWithRequestInFlight(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-local", "", "-error", "", "-delay", "127.0.0.1:0", "-delay-time", "200ms"}, &out, &errOut)
	}()
	text := waitFor(t, &out, "Hit CTRL-C to stop.")
	url := regexp.MustCompile(`DELAY site: (\S+)`).FindStringSubmatch(text)[1]
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	got := make(chan string, 1)
	go func() {
		resp, err := (&http.Client{Transport: tr}).Get(url + "/br/br.gif")
		if err != nil {
			got <- err.Error()
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- resp.Status + " " + string(body[:6])
	}()
	waitFor(t, &out, "BR delay: 0.2s") // the request is waiting
	cancel()
	require.Equal(t, "200 OK GIF89a", <-got)
	require.Equal(t, 0, <-done, errOut.String())
	require.True(t, strings.HasSuffix(out.String(), "Server shut down.\n"))
}
