// Command webfinder serves the Unicode character finder over HTTP: the
// book's web_mojifinder.py (Fluent Python 2e, 21-async/mojifinder) and
// http_charfinder.py (1st edition) in Go.
//
// Usage:
//
//	webfinder [flags] [host] [port]
//
// The defaults are 127.0.0.1 and 8000. It serves
//
//	GET /              a search page; with JavaScript it shows results as you type
//	GET /?q=words      the page with the results rendered on the server (no JavaScript needed)
//	GET /search?q=...  the results as JSON: [{"char":"♜","name":"BLACK CHESS ROOK","code":"U+265C"}]
//
// Queries longer than -max-query bytes are refused; answers hold at most
// -max-results characters (the header X-Total-Count has the total). The
// server has read, write and idle timeouts, and SIGINT or SIGTERM shuts it
// down gracefully, letting requests in flight finish; a second signal ends
// it at once.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tulipgo/tulip/examples/charfinder/index"
	"github.com/tulipgo/tulip/examples/charfinder/internal/hostport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal starts the graceful shutdown, which may wait up to
	// shutdownGrace for a stalled client; stop restores the default action,
	// so that a second Ctrl-C ends the process at once.
	context.AfterFunc(ctx, stop)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr, nil))
}

// shutdownGrace is how long requests in flight get to finish on shutdown.
const shutdownGrace = 10 * time.Second

// timeouts are the server's; see http.Server.
type timeouts struct{ readHeader, read, write, idle time.Duration }

// defaultTimeouts are fit for the open internet: a request's headers must
// arrive within 5 s and the whole request within 10 s.
var defaultTimeouts = timeouts{readHeader: 5 * time.Second, read: 10 * time.Second,
	write: 30 * time.Second, idle: 2 * time.Minute}

// newHTTPServer wraps h in a server with the timeouts to and a bound on
// header size.
func newHTTPServer(h http.Handler, logger *log.Logger, to timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: to.readHeader,
		ReadTimeout:       to.read,
		WriteTimeout:      to.write,
		IdleTimeout:       to.idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          logger,
	}
}

// run is the command; it returns the exit status. ready, if not nil,
// receives the listening address once the server accepts connections.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- net.Addr) int {
	fs := flag.NewFlagSet("webfinder", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lim := defaultLimits
	fs.IntVar(&lim.maxQuery, "max-query", lim.maxQuery, "longest query accepted, in bytes")
	fs.IntVar(&lim.maxResults, "max-results", lim.maxResults, "most characters in one answer")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: webfinder [flags] [host] [port]\n\n"+
			"Serves the Unicode character finder (Unicode %s) over HTTP; default 127.0.0.1 8000.\n\n",
			index.UnicodeVersion)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	host, port, err := hostport.Parse(fs.Args(), "8000")
	if err == nil && (lim.maxQuery < 1 || lim.maxResults < 1) {
		err = errors.New("-max-query and -max-results must be positive")
	}
	if err != nil {
		fmt.Fprintln(stderr, "webfinder:", err)
		fs.Usage()
		return 2
	}

	logger := log.New(stderr, "", 0)
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port)) // fail fast when the port is taken
	if err != nil {
		fmt.Fprintln(stderr, "webfinder:", err)
		return 1
	}
	logger.Print("Building index.") // clients connecting meanwhile wait in the listen queue
	f := &finder{ix: index.New(), lim: lim, log: logger}
	srv := newHTTPServer(f.handler(), logger, defaultTimeouts)
	logger.Printf("Serving on http://%s/. Hit CTRL-C to stop.", ln.Addr())
	if ready != nil {
		ready <- ln.Addr()
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served:
		fmt.Fprintln(stderr, "webfinder:", err)
		return 1
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = srv.Shutdown(sctx)
	<-served // http.ErrServerClosed
	if err != nil {
		fmt.Fprintln(stderr, "webfinder: shutdown:", err)
		return 1
	}
	logger.Print("Server shut down.")
	return 0
}
