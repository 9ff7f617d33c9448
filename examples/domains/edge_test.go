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
}
