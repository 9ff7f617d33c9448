package domains

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
)

// Result is the outcome of probing one domain: the book's
// Result(domain, found), plus the error when the lookup failed for another
// reason than the name not existing.
type Result struct {
	Domain string
	// Found reports whether the name resolves to at least one address.
	Found bool
	// Err is nil when the server answered (found, or NXDOMAIN / no
	// addresses); otherwise why there is no answer: a timeout (matching
	// context.DeadlineExceeded), the caller's cancellation, a server
	// failure. Found is false when Err is set.
	Err error
}

// Probe looks up domain's addresses and reports whether it has any (the
// book's probe, which calls getaddrinfo). The name is looked up as given,
// fully qualified: the resolver's search list is not applied. The lookup is
// bounded by the WithTimeout option and by ctx. Probe blocks until the
// answer, the timeout or the end of ctx.
func Probe(ctx context.Context, domain string, opts ...Option) Result {
	c := newConfig(opts)
	return c.probe(ctx, domain)
}

func (c *config) probe(ctx context.Context, domain string) Result {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	name := domain
	if !strings.HasSuffix(name, ".") {
		name += "."
	}
	addrs, err := c.resolver.LookupHost(ctx, name)
	if err == nil {
		return Result{Domain: domain, Found: len(addrs) > 0}
	}
	var dnsErr *net.DNSError
	isDNS := errors.As(err, &dnsErr)
	if isDNS && dnsErr.IsNotFound {
		return Result{Domain: domain}
	}
	if isDNS && c.server != "" {
		dnsErr.Server = c.server // the one asked (see WithServer); the error is this lookup's own
	}
	// Normalise timeouts, whatever the resolver was doing when time ran out.
	// Its reads time out at ctx's deadline, a moment before ctx itself may
	// report it: an i/o timeout is the lookup's timeout too.
	if cause := context.Cause(ctx); cause != nil {
		err = fmt.Errorf("lookup %s: %w", domain, cause)
	} else if isDNS && dnsErr.IsTimeout {
		err = fmt.Errorf("lookup %s: %w", domain, context.DeadlineExceeded)
	}
	return Result{Domain: domain, Err: err}
}
