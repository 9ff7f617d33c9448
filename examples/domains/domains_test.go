package domains_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/domains"
	"github.com/tulipgo/tulip/examples/domains/internal/dnstest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The slow name never answers: the timeout decides, so it is short, but
// still long against a loopback answer.
const lookupTimeout = 300 * time.Millisecond

func startServer(t *testing.T) *dnstest.Server {
	return dnstest.Start(t, dnstest.Zone{
		Found: []string{"go.dev", "case.dev", "Func.Dev"},
		Slow:  []string{"slow.dev"},
	})
}

func opts(s *dnstest.Server, more ...domains.Option) []domains.Option {
	return append([]domains.Option{domains.WithServer(s.Addr), domains.WithTimeout(lookupTimeout)}, more...)
}

func TestProbe(t *testing.T) {
	s := startServer(t)
	ctx := context.Background()
	require.Equal(t, domains.Result{Domain: "go.dev", Found: true}, domains.Probe(ctx, "go.dev", opts(s)...))
	require.Equal(t, domains.Result{Domain: "func.dev.", Found: true}, domains.Probe(ctx, "func.dev.", opts(s)...),
		"a fully qualified name and any case")
	require.Equal(t, domains.Result{Domain: "nope.dev"}, domains.Probe(ctx, "nope.dev", opts(s)...), "NXDOMAIN: not found, no error")

	r := domains.Probe(ctx, "slow.dev", opts(s)...)
	require.Equal(t, "slow.dev", r.Domain)
	require.False(t, r.Found)
	require.ErrorIs(t, r.Err, context.DeadlineExceeded)
}

func TestProbeCancelled(t *testing.T) {
	s := startServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := domains.Probe(ctx, "go.dev", opts(s)...)
	require.False(t, r.Found)
	require.ErrorIs(t, r.Err, context.Canceled)
}

// Results exact, in completion order: the names that answer come first (in
// whatever order they complete), the one that times out comes last.
func TestMultiProbe(t *testing.T) {
	s := startServer(t)
	names := []string{"slow.dev", "go.dev", "if.dev", "case.dev", "var.dev", "func.dev"}
	var got []domains.Result
	for r, err := range domains.MultiProbe(context.Background(), names, opts(s)...) {
		require.NoError(t, err)
		got = append(got, r)
	}
	require.Len(t, got, len(names))
	last := got[len(got)-1]
	require.Equal(t, "slow.dev", last.Domain, "the slow name completes last")
	require.ErrorIs(t, last.Err, context.DeadlineExceeded)

	found := map[string]bool{}
	for _, r := range got[:len(got)-1] {
		require.NoError(t, r.Err, r.Domain)
		found[r.Domain] = r.Found
	}
	require.Equal(t, map[string]bool{
		"go.dev": true, "case.dev": true, "func.dev": true,
		"if.dev": false, "var.dev": false,
	}, found)
}

// No more than WithLimit lookups reach the server at once. Four gated names
// and a limit of 2: the test waits until two have arrived, then releases one
// at a time; the server records the most it ever saw in flight.
func TestMultiProbeLimit(t *testing.T) {
	gated := []string{"a.dev", "b.dev", "c.dev", "d.dev"}
	s := dnstest.Start(t, dnstest.Zone{Gated: gated})
	ctx := context.Background()
	results := make(chan domains.Result, len(gated))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for r, err := range domains.MultiProbe(ctx, gated,
			domains.WithResolver(domains.Resolver(s.Addr)), domains.WithTimeout(time.Minute), domains.WithLimit(2)) {
			if err == nil {
				results <- r
			}
		}
	}()
	var order []string
	pending := []string{<-s.Arrivals, <-s.Arrivals}
	for len(pending) > 0 {
		next := pending[0]
		pending = pending[1:]
		s.Release(next)
		order = append(order, next)
		r := <-results
		require.Equal(t, domains.Result{Domain: next, Found: true}, r, "completion order is release order")
		if len(order)+len(pending) < len(gated) {
			pending = append(pending, <-s.Arrivals)
		}
	}
	<-done
	require.Equal(t, 2, s.MaxGatedInFlight())
	require.ElementsMatch(t, gated, order)
	require.Equal(t, gated[:2], slices.Sorted(slices.Values(order[:2])), "waiting lookups start in input order")
}

// Breaking out of the loop cancels what is left and leaves no goroutine
// (goleak checks at the end of the package's tests).
func TestMultiProbeBreak(t *testing.T) {
	s := startServer(t)
	names := []string{"slow.dev", "go.dev", "slow.dev", "slow.dev"}
	n := 0
	for r, err := range domains.MultiProbe(context.Background(), names,
		domains.WithResolver(domains.Resolver(s.Addr)), domains.WithTimeout(time.Minute)) {
		require.NoError(t, err)
		require.Equal(t, domains.Result{Domain: "go.dev", Found: true}, r)
		n++
		break
	}
	require.Equal(t, 1, n)
}

// A context that ends stops the iteration with one error saying how many
// lookups were unfinished.
func TestMultiProbeContextEnds(t *testing.T) {
	s := startServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []domains.Result
	var errs []error
	for r, err := range domains.MultiProbe(ctx, []string{"go.dev", "slow.dev", "slow.dev"},
		domains.WithResolver(domains.Resolver(s.Addr)), domains.WithTimeout(time.Minute)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, r)
		cancel()
	}
	require.Equal(t, []domains.Result{{Domain: "go.dev", Found: true}}, got[:1])
	for _, r := range got[1:] {
		require.ErrorIs(t, r.Err, context.Canceled, "only cancelled lookups may follow")
	}
	if len(got) < 3 {
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], context.Canceled)
	}
}

func TestMultiProbeEmpty(t *testing.T) {
	for range domains.MultiProbe(context.Background(), nil) {
		t.Fatal("nothing to yield")
	}
}
