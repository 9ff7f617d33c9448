package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
)

// A session as a client sees it: the prompt, a query, the answer and the
// status line (CRLF shown as ⏎), the prompt again; a control character ends it.
func Example_session() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- newServer(fullIndex(), log.New(io.Discard, "", 0), defaultLimits).serve(ctx, ln) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	fmt.Fprint(conn, "chess black turned rook\r\n\x03\r\n")
	out, _ := io.ReadAll(bufio.NewReader(conn))
	conn.Close()
	fmt.Println(strings.ReplaceAll(string(out), "\r\n", "⏎\n"))
	cancel()
	<-done
	// Output:
	// ?> U+1FA26	🨦	BLACK CHESS TURNED ROOK⏎
	// ────────────────────────────────────────────────────────────────── 1 found⏎
	// ?>
}
