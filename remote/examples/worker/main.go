// Command worker serves the remote example's prime checks from a NATS
// JetStream server until interrupted; start as many as you like, anywhere.
//
//	worker [-server nats://127.0.0.1:4222] [-c 2]
//
// Ctrl-C (or SIGTERM) drains: running checks finish and report, then it exits.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/tulipgo/tulip/remote"
	"github.com/tulipgo/tulip/remote/examples/primes"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", nats.DefaultURL, "NATS server URL(s), comma-separated")
	conc := fs.Int("c", 2, "checks run at once")
	ackWait := fs.Duration("ack-wait", 5*time.Second, "how soon a dead worker's checks go to another")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: worker [-server URL] [-c N] [-ack-wait D]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *conc < 1 {
		fs.Usage()
		return 2
	}
	nc, err := nats.Connect(*server, nats.MaxReconnects(-1), nats.Name("tulip-primes-worker"))
	if err != nil {
		fmt.Fprintln(stderr, "worker:", err)
		return 1
	}
	defer nc.Close()
	reg := remote.NewRegistry()
	primes.Register(reg)
	w, err := remote.NewWorker(nc, reg, remote.Concurrency(*conc), remote.AckWait(*ackWait))
	if err != nil {
		fmt.Fprintln(stderr, "worker:", err)
		return 1
	}
	fmt.Fprintf(stderr, "worker %d: serving %v on %s, %d at a time\n", os.Getpid(), reg.Names(), nc.ConnectedUrl(), *conc)
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "worker:", err)
		return 1
	}
	s := w.Stats()
	fmt.Fprintf(stderr, "worker %d: drained; %d checked, %d redelivered to me\n", os.Getpid(), s.Succeeded, s.Redelivered)
	return 0
}
