// Command tcpfinder serves the Unicode character finder over TCP: the book's
// tcp_mojifinder.py (Fluent Python 2e, 21-async/mojifinder) in Go, hardened.
//
// Usage:
//
//	tcpfinder [flags] [host] [port]
//
// The defaults are 127.0.0.1 and 2323. Talk to it with telnet or nc: it
// prompts "?> ", reads a line of words and answers with one line per
// character whose name holds them all, then a status line (a rule of 66 "─"
// and " N found"), every line ending in CRLF. A blank line prompts again; a
// line starting with a control character (Ctrl-C in telnet), undecodable
// input, or end of input ends the session.
//
// Unlike the book's server it bounds what a client can cost: lines longer
// than -max-line bytes, -idle without input and clients beyond -max-sessions
// get an explaining line and are disconnected, and an answer must be sent
// within -write-timeout. SIGINT or SIGTERM shuts it down gracefully: it stops
// accepting, lets the answers being sent finish, and tells waiting clients;
// a second signal ends it at once.
//
// The log (on standard error) is the book's: " From {client}: {query!r}",
// "   To {client}: {n} results.", "Close {client}.".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/tulipgo/tulip/examples/charfinder/index"
	"github.com/tulipgo/tulip/examples/charfinder/internal/hostport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal starts the graceful shutdown, which may wait up to
	// -write-timeout for a stalled client; stop restores the default action,
	// so that a second Ctrl-C ends the process at once.
	context.AfterFunc(ctx, stop)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr, nil))
}

// run is the command; it returns the exit status. ready, if not nil,
// receives the listening address once the server accepts connections.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- net.Addr) int {
	fs := flag.NewFlagSet("tcpfinder", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lim := defaultLimits
	fs.IntVar(&lim.maxLine, "max-line", lim.maxLine, "longest input line accepted, in bytes")
	fs.DurationVar(&lim.idle, "idle", lim.idle, "disconnect a client idle this long")
	fs.DurationVar(&lim.writeTimeout, "write-timeout", lim.writeTimeout, "longest time to send one answer")
	fs.IntVar(&lim.maxSessions, "max-sessions", lim.maxSessions, "most concurrent sessions")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: tcpfinder [flags] [host] [port]\n\n"+
			"Serves the Unicode character finder (Unicode %s) over TCP; default 127.0.0.1 2323.\n\n",
			index.UnicodeVersion)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	host, port, err := hostport.Parse(fs.Args(), "2323")
	if err == nil && (lim.maxLine < 16 || lim.idle <= 0 || lim.writeTimeout <= 0 || lim.maxSessions < 1) {
		err = errors.New("-max-line must be at least 16, -max-sessions at least 1, timeouts positive")
	}
	if err != nil {
		fmt.Fprintln(stderr, "tcpfinder:", err)
		fs.Usage()
		return 2
	}

	logw := newBufferedLog(stderr)
	defer logw.Flush()
	logger := log.New(logw, "", 0)
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port)) // fail fast when the port is taken
	if err != nil {
		logger.Print("tcpfinder: ", err)
		return 1
	}
	logger.Print("Building index.") // clients connecting meanwhile wait in the listen queue
	logw.Flush()
	ix := index.New()
	logger.Printf("Serving on %s. Hit CTRL-C to stop.", pyAddr(ln.Addr()))
	logw.Flush()
	if ready != nil {
		ready <- ln.Addr()
	}
	if err := newServer(ix, logger, lim).serve(ctx, ln); err != nil {
		logger.Print("tcpfinder: ", err)
		return 1
	}
	logger.Print("Server shut down.")
	return 0
}
