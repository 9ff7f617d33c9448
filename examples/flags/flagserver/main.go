// Command flagserver serves the book's flag site on the book's ports: LOCAL
// (no delay) on 127.0.0.1:8000, DELAY (every request waits 0.5 s) on :8001 and
// ERROR (0.5 to 5 s, then a quarter get 418 I'm a Teapot) on :8002, each under
// /flags/, the layout the book's downloaders expect. Like the book's
// slow_server, it logs each delayed request as "BR delay: 0.62s".
//
//	flagserver [-local ADDR] [-delay ADDR] [-error ADDR] [-delay-time D]
//	           [-error-min D] [-error-max D] [-error-rate R] [-seed N] [-q]
//	           [-max-conns N]
//
// An empty address leaves that site out. Each site keeps at most -max-conns
// connections (default 1000) open; more wait in the backlog, and one of them
// gets in at once in place of an idle keep-alive connection, if there is
// one. Ctrl-C stops it: requests still waiting are given a second, then cut.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tulipgo/tulip/examples/flags/site"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// grace is how long Ctrl-C lets requests in progress finish.
const grace = time.Second

type siteFlags struct {
	label string
	addr  string
	b     site.Behaviour
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("flagserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	local := fs.String("local", "127.0.0.1:8000", "address of the LOCAL site (no delay); empty: none")
	delay := fs.String("delay", "127.0.0.1:8001", "address of the DELAY site; empty: none")
	errAddr := fs.String("error", "127.0.0.1:8002", "address of the ERROR site; empty: none")
	delayTime := fs.Duration("delay-time", site.Delay().MinDelay, "delay of every DELAY request")
	errMin := fs.Duration("error-min", site.Error().MinDelay, "shortest delay of an ERROR request")
	errMax := fs.Duration("error-max", site.Error().MaxDelay, "longest delay of an ERROR request")
	errRate := fs.Float64("error-rate", site.Error().ErrorRate, "share of ERROR requests answered 418 I'm a Teapot")
	seed := fs.Uint64("seed", 0, "seed of the delays and errors (0: random)")
	quiet := fs.Bool("q", false, "do not log delayed requests")
	maxConns := fs.Int("max-conns", 1000, "most connections open at once per site (more wait to be accepted)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: flagserver [flags]\n\nServes the book's flag site on LOCAL, DELAY and ERROR ports, under /flags/.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "flagserver: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *maxConns < 1 {
		fmt.Fprintln(stderr, "flagserver: -max-conns must be >= 1")
		return 2
	}
	sites := []siteFlags{
		{"LOCAL", *local, site.Local()},
		{"DELAY", *delay, site.Behaviour{MinDelay: *delayTime, MaxDelay: *delayTime}},
		{"ERROR", *errAddr, site.Behaviour{MinDelay: *errMin, MaxDelay: *errMax, ErrorRate: *errRate}},
	}
	var opts []site.Option
	if *seed != 0 {
		opts = append(opts, site.WithSeed(*seed))
	}
	if !*quiet {
		opts = append(opts, site.WithLog(stdout))
	}
	// Every behaviour is checked before any port is taken.
	built := make([]*site.Site, len(sites))
	for i, sf := range sites {
		if sf.addr == "" {
			continue
		}
		s, err := site.New(sf.b, opts...)
		if err != nil {
			fmt.Fprintf(stderr, "flagserver: %s: %v\n", sf.label, err)
			return 2
		}
		built[i] = s
	}
	var servers []*site.Server
	defer func() {
		for _, s := range servers {
			_ = s.Close()
		}
	}()
	for i, sf := range sites {
		if built[i] == nil {
			continue
		}
		built[i].Warm()
		l, err := net.Listen("tcp", sf.addr)
		if err != nil {
			fmt.Fprintf(stderr, "flagserver: %s: %v\n", sf.label, err)
			return 1
		}
		srv := built[i].Start(site.LimitListener(l, *maxConns))
		servers = append(servers, srv)
		fmt.Fprintf(stdout, "%s site: %s (%v)\n", sf.label, srv.URL, sf.b)
	}
	if len(servers) == 0 {
		fmt.Fprintln(stderr, "flagserver: no site to serve: every address is empty")
		return 2
	}
	fmt.Fprintln(stdout, "Hit CTRL-C to stop.")
	<-ctx.Done()
	shut, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var err error
	for _, s := range servers {
		err = errors.Join(err, s.Shutdown(shut))
	}
	servers = nil
	if err != nil {
		fmt.Fprintf(stderr, "flagserver: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Server shut down.")
	return 0
}
