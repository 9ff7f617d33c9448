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

func runCheck(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// The book's report against a DNS server on loopback: the header, then one
// line per name in completion order, found ones flush left, the others after
// two tabs; the TLD trimmed of dots, the names lower-cased.
func TestDomaincheck(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{
		Found: []string{"go.com.br", "case.com.br"},
		Slow:  []string{"type.com.br"},
	})
	code, out, errOut := runCheck(t, "-dns", s.Addr, "-timeout", "300ms", ".COM.BR.")
	require.Equal(t, 1, code, "a lookup timed out")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Equal(t, []string{"FOUND\t\tNOT FOUND", "=====\t\t========="}, lines[:2])
	require.Len(t, lines, 13)
	require.Equal(t, "\t\ttype.com.br", lines[12], "the slow lookup completes last")
	require.ElementsMatch(t, []string{
		"case.com.br", "\t\tchan.com.br", "\t\telse.com.br", "\t\tfor.com.br", "\t\tfunc.com.br",
		"go.com.br", "\t\tgoto.com.br", "\t\tif.com.br", "\t\tmap.com.br", "\t\tvar.com.br",
	}, lines[2:12])
	require.Contains(t, errOut, "lookup type.com.br: context deadline exceeded")
}

func TestDomaincheckAllAnswered(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{Found: []string{"if.dev"}})
	code, out, errOut := runCheck(t, "-dns", s.Addr, "dev")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "\nif.dev\n")
	require.Contains(t, out, "\n\t\tgo.dev\n")
	require.Empty(t, errOut)
}

// The book prints its hint and exits 0; here it is a usage error.
func TestHint(t *testing.T) {
	for _, args := range [][]string{nil, {"com", "br"}, {"..."}} {
		code, out, errOut := runCheck(t, args...)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, out)
		require.Equal(t, "Please provide a TLD. Example: domaincheck COM.BR\n", errOut)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-dns", "x", "dev"}, {"-timeout", "-1s", "dev"}, {"-nope", "dev"}} {
		code, out, _ := runCheck(t, args...)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, out)
	}
	code, _, errOut := runCheck(t, "-h")
	require.Equal(t, 0, code)
	require.Contains(t, errOut, "usage: domaincheck")
}

func TestInterrupted(t *testing.T) {
	s := dnstest.Start(t, dnstest.Zone{Slow: []string{"go.dev"}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	require.Equal(t, 130, run(ctx, []string{"-dns", s.Addr, "dev"}, &out, &errOut))
	require.Equal(t, "domaincheck: interrupted: context canceled\n", errOut.String())
}

// A TLD no domain name can end in is a usage error, not eleven names "not
// found"; an internationalized one is looked up in its ASCII form.
func TestBadTLD(t *testing.T) {
	for _, tld := range []string{"x y", "a..b", "a_b", "x-", "dev\x00", strings.Repeat("a", 64), strings.Repeat("a.", 125) + "a"} {
		code, out, errOut := runCheck(t, "-dns", "127.0.0.1:1", tld)
		require.Equal(t, 2, code, "%q", tld)
		require.Empty(t, out)
		require.Contains(t, errOut, "domaincheck: TLD ", "%q", tld)
	}
	s := dnstest.Start(t, dnstest.Zone{Found: []string{"go.xn--p1ai"}})
	code, out, errOut := runCheck(t, "-dns", s.Addr, "РФ")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "\ngo.xn--p1ai\n")
	require.Contains(t, out, "\n\t\tif.xn--p1ai\n")
}
