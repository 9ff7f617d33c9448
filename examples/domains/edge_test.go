package domains_test

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/domains"
	"github.com/tulipgo/tulip/examples/domains/internal/dnstest"
)

// Bad names get a result, never a panic, and are not found.
func TestProbeBadNames(t *testing.T) {
	s := startServer(t)
	for _, name := range []string{"", ".", "a..dev", strings.Repeat("x", 64) + ".dev", strings.Repeat("a.", 130) + "dev", "sp ace.dev"} {
		r := domains.Probe(context.Background(), name, opts(s)...)
		require.Equal(t, name, r.Domain)
		require.False(t, r.Found, "%q", name)
	}
}

// A server failure is an error, not a "not found", and not a timeout.
func TestProbeServerFailure(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{Fail: []string{"broken.dev"}})
	r := domains.Probe(context.Background(), "broken.dev", opts(s)...)
	require.Equal(t, "broken.dev", r.Domain)
	require.False(t, r.Found)
	require.Error(t, r.Err)
	require.NotErrorIs(t, r.Err, context.DeadlineExceeded)
	var dnsErr *net.DNSError
	require.ErrorAs(t, r.Err, &dnsErr)
	require.False(t, dnsErr.IsNotFound)
	require.Contains(t, r.Err.Error(), " on "+s.Addr+": ", "the error names the server asked, not the system's")
}

// With no server listening, the error names the address given, not the
// system's configured server; with only Resolver, the Go resolver would.
func TestProbeNoServerNamesIt(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := pc.LocalAddr().String()
	require.NoError(t, pc.Close()) // nothing listens there now: the query is refused
	r := domains.Probe(context.Background(), "go.dev", domains.WithServer(addr), domains.WithTimeout(lookupTimeout))
	require.False(t, r.Found)
	var dnsErr *net.DNSError
	require.ErrorAs(t, r.Err, &dnsErr)
	require.Equal(t, addr, dnsErr.Server)
	require.Contains(t, r.Err.Error(), "lookup go.dev. on "+addr+": ")
}

// WithResolver after WithServer: the resolver is the caller's, and the
// errors are left as it makes them.
func TestWithResolverForgetsServer(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{Fail: []string{"broken.dev"}})
	r := domains.Probe(context.Background(), "broken.dev",
		domains.WithServer("127.0.0.1:1"), domains.WithResolver(domains.Resolver(s.Addr)), domains.WithTimeout(lookupTimeout))
	var dnsErr *net.DNSError
	require.ErrorAs(t, r.Err, &dnsErr)
	require.NotEqual(t, "127.0.0.1:1", dnsErr.Server)
}
