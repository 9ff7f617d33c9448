package main

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{
		{"127.0.0.1", "http"},
		{"127.0.0.1", "70000"},
		{"a", "1", "extra"},
		{"-max-sessions", "0"},
		{"-idle", "-1s"},
		{"-bogus"},
	} {
		var out strings.Builder
		require.Equal(t, 2, run(context.Background(), args, &out, nil), "%q", args)
		require.Contains(t, out.String(), "usage: tcpfinder", "%q", args)
	}
	var out strings.Builder
	require.Equal(t, 0, run(context.Background(), []string{"-h"}, &out, nil))
	require.Contains(t, out.String(), "-max-line")
}

func TestRunListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var out strings.Builder
	require.Equal(t, 1, run(context.Background(), []string{"127.0.0.1", port}, &out, nil))
	require.Contains(t, out.String(), "address already in use")
}

func TestPyRepr(t *testing.T) {
	for in, want := range map[string]string{
		"rook":             `'rook'`,
		"":                 `''`,
		"it's":             `"it's"`,
		`it's "x"`:         `'it\'s "x"'`,
		"a\\b\tc\r\n":      `'a\\b\tc\r\n'`,
		"\x00\x7f":         `'\x00\x7f'`,
		"\u00a0é♜":         `'\xa0é♜'`,
		"\u200b\U000E0001": `'\u200b\U000e0001'`,
	} {
		require.Equal(t, want, pyRepr(in), "%q", in)
	}
	require.Equal(t, "('127.0.0.1', 2323)", pyAddr(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2323}))
	require.Equal(t, "('::1', 2323, 0, 0)", pyAddr(&net.TCPAddr{IP: net.IPv6loopback, Port: 2323}))
}

func TestBufferedLog(t *testing.T) {
	sink := newLogSink()
	l := newBufferedLog(sink)
	l.Write([]byte("one\n"))
	l.Write([]byte("two\n"))
	sink.waitFor(t, "two") // written by the timer
	l.Write([]byte("three\n"))
	require.NoError(t, l.Flush())
	require.Equal(t, []string{"one", "two", "three"}, sink.all())
	require.Equal(t, 2, sink.writes, "one write per flush")
	require.NoError(t, l.Flush())
}
