// Command domaincheck probes `{kw}.{TLD}` for every Go keyword of at most
// four letters and prints a two-column report as the lookups complete: found
// names flush left, not-found ones after two tabs (the book's
// domaincheck.py). The TLD is trimmed of leading and trailing dots and the
// names are lower-cased: `domaincheck COM.BR` probes case.com.br, ...
// A TLD that cannot form a domain name ("x y", "a..b") is a usage error; an
// internationalized one is probed in its ASCII form (рф as xn--p1ai).
//
// Usage:
//
//	domaincheck [-dns HOST:PORT] [-timeout D] [-limit N] TLD
//
// Failed lookups (timeouts, server errors) are listed as not found and
// reported on standard error, and the exit status is then 1. Without exactly
// one TLD it prints the book's hint and exits 2.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"golang.org/x/net/idna"

	"github.com/tulipgo/tulip/examples/domains"
	"github.com/tulipgo/tulip/examples/domains/internal/probecli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const hint = "Please provide a TLD. Example: domaincheck COM.BR"

// maxTLD is the longest TLD that leaves room in a 253-byte name for a
// four-letter keyword and its dot.
const maxTLD = 253 - 5

// run is the command; it returns the exit status (2 for a usage error).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("domaincheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var flags probecli.Flags
	flags.Register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: domaincheck [-dns HOST:PORT] [-timeout D] [-limit N] TLD")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	tld := ""
	if fs.NArg() == 1 {
		tld = strings.Trim(fs.Arg(0), ".")
	}
	if tld == "" {
		fmt.Fprintln(stderr, hint)
		return 2
	}
	// The resolver answers an invalid name "no such host", which would
	// list every name as not found: refuse it instead. The profile checks
	// the TLD as a lookup would and maps it to its lower-case ASCII form.
	ascii, err := idna.New(idna.MapForLookup(), idna.VerifyDNSLength(true), idna.BidiRule()).ToASCII(tld)
	if err == nil && len(ascii) > maxTLD {
		err = fmt.Errorf("longer than %d bytes", maxTLD)
	}
	if err != nil {
		fmt.Fprintf(stderr, "domaincheck: TLD %q: %v\n", tld, err)
		return 2
	}
	tld = ascii
	opts, err := flags.Options()
	if err != nil {
		fmt.Fprintln(stderr, "domaincheck:", err)
		return 2
	}
	var names []string
	for _, kw := range domains.GoKeywords(4) {
		names = append(names, strings.ToLower(kw+"."+tld))
	}
	fmt.Fprintln(stdout, "FOUND\t\tNOT FOUND")
	fmt.Fprintln(stdout, "=====\t\t=========")
	return probecli.Print(ctx, "domaincheck", names, opts, stdout, stderr, func(r domains.Result) string {
		if r.Found {
			return r.Domain
		}
		return "\t\t" + r.Domain
	})
}
