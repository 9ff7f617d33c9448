// Command blogdom probes `{kw}.dev` for every Go keyword of at most four
// letters and prints each result as soon as its lookup completes: `+ go.dev`
// when the name resolves, `  if.dev` when it does not (the book's
// blogdom.py, which uses Python's keywords).
//
// Usage:
//
//	blogdom [-dns HOST:PORT] [-timeout D] [-limit N]
//
// Failed lookups (timeouts, server errors) are printed as not found and
// reported on standard error, and the exit status is then 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/tulipgo/tulip/examples/domains"
	"github.com/tulipgo/tulip/examples/domains/internal/probecli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command; it returns the exit status (2 for a usage error).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("blogdom", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var flags probecli.Flags
	flags.Register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blogdom [-dns HOST:PORT] [-timeout D] [-limit N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "blogdom: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	opts, err := flags.Options()
	if err != nil {
		fmt.Fprintln(stderr, "blogdom:", err)
		return 2
	}
	var names []string
	for _, kw := range domains.GoKeywords(4) {
		names = append(names, kw+".dev")
	}
	return probecli.Print(ctx, "blogdom", names, opts, stdout, stderr, func(r domains.Result) string {
		mark := " "
		if r.Found {
			mark = "+"
		}
		return mark + " " + r.Domain
	})
}
