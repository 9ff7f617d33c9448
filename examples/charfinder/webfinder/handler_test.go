package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSearchAPI(t *testing.T) {
	base := startServer(t, defaultLimits, defaultTimeouts)

	resp, body := get(t, base+"/search?q=chess+black+turned+rook")
	require.Equal(t, 200, resp.StatusCode)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	require.Equal(t, `[{"char":"🨦","name":"BLACK CHESS TURNED ROOK","code":"U+1FA26"}]`, body)
	require.Equal(t, "1", resp.Header.Get("X-Total-Count"))

	_, body = get(t, base+"/search?q=cat%20face")
	var chars []char
	require.NoError(t, json.Unmarshal([]byte(body), &chars))
	require.Len(t, chars, 10)
	require.Equal(t, char{"🐱", "CAT FACE", "U+1F431"}, chars[0])

	for _, q := range []string{"", "brillig", "%20", "cat%2Bface", "cat+face+%23"} {
		resp, body = get(t, base+"/search?q="+q)
		require.Equal(t, 200, resp.StatusCode, q)
		require.Equal(t, "[]", body, q)
	}

	resp, body = get(t, base+"/search")
	require.Equal(t, 422, resp.StatusCode)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	require.JSONEq(t, `{"error":"missing query parameter q"}`, body)

	resp, body = get(t, base+"/search?q="+strings.Repeat("a", 201))
	require.Equal(t, 400, resp.StatusCode)
	require.JSONEq(t, `{"error":"query too long: the limit is 200 bytes"}`, body)

	resp, body = get(t, base+"/search?q=cjk")
	require.Equal(t, 200, resp.StatusCode)
	require.NoError(t, json.Unmarshal([]byte(body), &chars))
	require.Len(t, chars, 1000)
	cjk := len(fullIndex().Search("cjk")) // 98,263 on Unicode 15.0
	require.Equal(t, strconv.Itoa(cjk), resp.Header.Get("X-Total-Count"))
}

func TestPage(t *testing.T) {
	base := startServer(t, defaultLimits, defaultTimeouts)

	resp, body := get(t, base+"/")
	require.Equal(t, 200, resp.StatusCode)
	require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Contains(t, body, `<caption id="caption">Enter words describing characters.</caption>`)
	require.Contains(t, body, `<a href="/?q=Malayalam%20digit">Malayalam digit</a>`)

	_, body = get(t, base+"/?q=chess+black+turned+rook")
	require.Contains(t, body, `<caption id="caption">1 character found</caption>`)
	require.Contains(t, body, `<td class="char">🨦</td><td class="name">BLACK CHESS TURNED ROOK</td>`)

	q := `<b>"rook"</b> & #`
	_, body = get(t, base+"/?q="+url.QueryEscape(q))
	require.NotContains(t, body, "<b>")
	require.Contains(t, body, `value="&lt;b&gt;&#34;rook&#34;&lt;/b&gt; &amp; #"`)
	require.Contains(t, body, `<caption id="caption">0 characters found</caption>`)

	_, body = get(t, base+"/?q=cjk")
	require.Contains(t, body, fmt.Sprintf("%d characters found (first 1000 shown)", len(fullIndex().Search("cjk"))))

	resp, body = get(t, base+"/?q="+strings.Repeat("a", 201))
	require.Equal(t, 400, resp.StatusCode)
	require.Contains(t, body, "Query too long")

	resp, _ = get(t, base+"/nowhere")
	require.Equal(t, 404, resp.StatusCode)

	resp, body = get(t, base+"/static/finder.js")
	require.Equal(t, 200, resp.StatusCode)
	require.Contains(t, body, "encodeURIComponent")
	require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
}

// TestSlowHeaders checks ReadHeaderTimeout: a client that never finishes its
// request is disconnected instead of holding a connection forever.
func TestSlowHeaders(t *testing.T) {
	t.Parallel()
	to := defaultTimeouts
	to.readHeader = 200 * time.Millisecond
	base := startServer(t, defaultLimits, to)
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")) // and nothing more
	require.NoError(t, err)
	c.SetReadDeadline(time.Now().Add(20 * time.Second))
	start := time.Now()
	_, err = c.Read(make([]byte, 1024))
	require.Error(t, err) // the server closed the connection
	require.Less(t, time.Since(start), 15*time.Second)
}

func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuilder
	ready := make(chan net.Addr, 1)
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"-max-results", "5", "127.0.0.1", "0"}, &logs, ready) }()
	var addr net.Addr
	select {
	case addr = <-ready:
	case <-time.After(20 * time.Second):
		t.Fatal("not serving")
	}
	resp, _ := get(t, "http://"+addr.String()+"/search?q=sun")
	require.Equal(t, "17", resp.Header.Get("X-Total-Count"))
	cancel()
	require.Equal(t, 0, <-code)
	require.Equal(t, "Building index.\nServing on http://"+addr.String()+"/. Hit CTRL-C to stop.\nServer shut down.\n", logs.String())

	for _, args := range [][]string{{"h", "port"}, {"a", "1", "x"}, {"-max-query", "0"}, {"-nope"}} {
		var out syncBuilder
		require.Equal(t, 2, run(context.Background(), args, &out, nil), "%q", args)
		require.Contains(t, out.String(), "usage: webfinder")
	}
}
