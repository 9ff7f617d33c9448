package main

import (
	"bytes"
	"io"
	"log"
	"net"
	"testing"
	"time"
)

// FuzzSession feeds arbitrary bytes to a whole session (over a loopback
// connection, with a 64-byte line limit) and checks it ends, and that every line it sends ends
// in CRLF and the output starts with the prompt.
func FuzzSession(f *testing.F) {
	for _, s := range []string{
		"rook\r\n", "\r\n\r\nsun\n", "\x03\r\n", "\xff\r\n", "cat face",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n",
		"rook\r\n\x00\r\nsun\r\n",
	} {
		f.Add([]byte(s))
	}
	lim := limits{maxLine: 64, idle: 5 * time.Second, writeTimeout: 5 * time.Second, maxSessions: 1}
	srv := newServer(fullIndex(), log.New(io.Discard, "", 0), lim)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	defer ln.Close()
	f.Fuzz(func(t *testing.T, input []byte) {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		client := c.(*net.TCPConn)
		defer client.Close()
		server, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		ss := &session{srv: srv, conn: server, client: "('pipe', 0)"}
		ended := make(chan struct{})
		go func() {
			defer close(ended)
			ss.run()
		}()
		wrote := make(chan struct{})
		go func() {
			defer close(wrote)
			client.Write(input) // fails once the session hangs up: fine
			client.CloseWrite()
		}()
		client.SetReadDeadline(time.Now().Add(10 * time.Second))
		out, err := io.ReadAll(client)
		if err != nil {
			t.Fatalf("reading the session's output: %v", err)
		}
		<-ended
		<-wrote
		if !bytes.HasPrefix(out, []byte(prompt)) {
			t.Fatalf("output does not start with the prompt: %q", out)
		}
		for i, c := range out {
			if c == '\n' && (i == 0 || out[i-1] != '\r') {
				t.Fatalf("bare LF at %d in %q", i, out)
			}
		}
	})
}
