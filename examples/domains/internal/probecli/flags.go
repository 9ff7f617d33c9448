// Package probecli holds what blogdom and domaincheck share: the -dns and
// -timeout flags and the loop that prints MultiProbe's results.
package probecli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/tulipgo/tulip/examples/domains"
)

// Flags are the flags both commands take.
type Flags struct {
	dns     string
	timeout time.Duration
	limit   int
}

// Register adds -dns, -timeout and -limit to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.dns, "dns", "", "DNS server to query, `HOST:PORT` (default: the system's resolver)")
	fs.DurationVar(&f.timeout, "timeout", domains.DefaultTimeout, "timeout of each lookup")
	fs.IntVar(&f.limit, "limit", domains.DefaultLimit, "lookups at once")
}

// Options checks the flags' values and returns the probe options they
// select; an error is a usage error.
func (f *Flags) Options() ([]domains.Option, error) {
	opts := []domains.Option{domains.WithTimeout(f.timeout), domains.WithLimit(f.limit)}
	if f.timeout <= 0 {
		return nil, fmt.Errorf("-timeout must be positive, not %v", f.timeout)
	}
	if f.limit < 1 {
		return nil, fmt.Errorf("-limit must be at least 1, not %d", f.limit)
	}
	if f.dns != "" {
		host, port, err := net.SplitHostPort(f.dns)
		if err != nil || host == "" {
			return nil, fmt.Errorf("-dns %q: want HOST:PORT, e.g. 127.0.0.1:53", f.dns)
		}
		if p, err := strconv.Atoi(port); err != nil || p < 1 || p > 65535 {
			return nil, fmt.Errorf("-dns %q: bad port", f.dns)
		}
		opts = append(opts, domains.WithServer(f.dns))
	}
	return opts, nil
}

// Print probes names and calls line for each result in completion order,
// writing what it returns to stdout; failed lookups are also reported on
// stderr, prefixed with cmd. It returns the exit status: 0, 1 if some lookup
// failed (not NXDOMAIN: a timeout, a server error), 130 if ctx ended.
func Print(ctx context.Context, cmd string, names []string, opts []domains.Option,
	stdout, stderr io.Writer, line func(domains.Result) string) int {
	status := 0
	interrupted := func() int {
		fmt.Fprintf(stderr, "%s: interrupted: %v\n", cmd, context.Cause(ctx))
		return 130
	}
	for r, err := range domains.MultiProbe(ctx, names, opts...) {
		if err != nil || ctx.Err() != nil { // not r: a lookup cut short by ctx
			return interrupted()
		}
		fmt.Fprintln(stdout, line(r))
		if r.Err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", cmd, r.Err)
			status = 1
		}
	}
	if ctx.Err() != nil {
		return interrupted()
	}
	return status
}
