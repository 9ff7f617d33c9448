package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/domains/internal/dnstest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func runBlogdom(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// Against a DNS server on loopback: every keyword domain printed once, found
// ones with "+", in completion order, so the one that times out is last.
func TestBlogdom(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{
		Found: []string{"go.dev", "func.dev", "map.dev"},
		Slow:  []string{"goto.dev"},
	})
	code, out, errOut := runBlogdom(t, "-dns", s.Addr, "-timeout", "300ms")
	require.Equal(t, 1, code, "a lookup failed")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 11)
	require.Equal(t, "  goto.dev", lines[10], "the slow lookup completes last")
	require.ElementsMatch(t, []string{
		"  case.dev", "  chan.dev", "  else.dev", "  for.dev", "+ func.dev", "+ go.dev",
		"  if.dev", "+ map.dev", "  type.dev", "  var.dev",
	}, lines[:10])
	require.Contains(t, errOut, "blogdom: lookup goto.dev: context deadline exceeded")
}

func TestBlogdomAllAnswered(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{Found: []string{"var.dev"}})
	code, out, errOut := runBlogdom(t, "-dns", s.Addr, "-limit", "1")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "+ var.dev\n")
	require.Equal(t, 1, strings.Count(out, "+"))
	require.Empty(t, errOut)
}

func TestBlogdomInterrupted(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{Slow: []string{"case.dev"}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	require.Equal(t, 130, run(ctx, []string{"-dns", s.Addr}, &out, &errOut))
	require.Contains(t, errOut.String(), "interrupted")
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extra"}, {"-dns", "nohostport"}, {"-dns", ":53"}, {"-dns", "127.0.0.1:x"}, {"-dns", "127.0.0.1:70000"},
		{"-timeout", "0s"}, {"-limit", "0"}, {"-bogus"},
	} {
		code, out, errOut := runBlogdom(t, args...)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, out)
		require.NotEmpty(t, errOut)
	}
	code, _, errOut := runBlogdom(t, "-h")
	require.Equal(t, 0, code)
	require.Contains(t, errOut, "usage: blogdom")
}
