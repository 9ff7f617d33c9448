package domains

import (
	"context"
	"net"
	"time"
)

// Defaults for the options.
const (
	DefaultTimeout = 5 * time.Second // per lookup
	DefaultLimit   = 20              // lookups at once
)

type config struct {
	resolver *net.Resolver
	server   string // WithServer's address, named in lookup errors; "" for another resolver
	timeout  time.Duration
	limit    int
}

// Option configures Probe and MultiProbe.
type Option func(*config)

func newConfig(opts []Option) config {
	c := config{resolver: net.DefaultResolver, timeout: DefaultTimeout, limit: DefaultLimit}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithResolver makes the lookups use r (default net.DefaultResolver, the
// system's configuration). A nil r means the default.
func WithResolver(r *net.Resolver) Option {
	return func(c *config) {
		if r != nil {
			c.resolver, c.server = r, ""
		}
	}
}

// WithServer makes the lookups go to the DNS server at addr (host:port)
// through Resolver(addr), and makes their errors name addr as the server
// (a *net.DNSError's Server). With Resolver alone, the Go resolver names
// the first server of the system's configuration, which it did not ask.
func WithServer(addr string) Option {
	return func(c *config) { c.resolver, c.server = Resolver(addr), addr }
}

// WithTimeout bounds each lookup to d (default DefaultTimeout); a lookup
// that takes longer ends with an error matching context.DeadlineExceeded.
// d <= 0 means no timeout of its own (the caller's context still applies).
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithLimit makes MultiProbe run at most n lookups at once (default
// DefaultLimit); n < 1 means 1.
func WithLimit(n int) Option {
	return func(c *config) { c.limit = max(n, 1) }
}

// Resolver returns a pure-Go resolver that sends every query to the DNS
// server at addr (host:port), whatever the system's configuration names:
// for -dns flags and for tests with a server of their own. It still reads
// /etc/hosts first, as every Go resolver does. Lookups through it end as
// soon as their context does.
func Resolver(addr string) *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			conn, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			// The Go resolver waits for an answer until the conn's deadline
			// (5 s by default), not until ctx ends: closing the conn when
			// ctx ends makes cancellation prompt. ctx is the one exchange's,
			// ended when it is over, so this never outlives the query.
			context.AfterFunc(ctx, func() { conn.Close() })
			return conn, nil
		},
	}
}
