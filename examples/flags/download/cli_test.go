package download

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/flags/site"
)

const usage = `usage: flags2 [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL] [-v]
              [-u URL] [--strategy NAME] [-t TIMEOUT]
              [CC ...]
`

// TestUsageErrors: the book's checks print to stdout, in its order
// (max_req, limit, server, CC); the parser's own errors print to stderr;
// all exit 2 before any download.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args, stdout, stderr string
	}{
		{"-m 0", "*** Usage error: --max_req CONCURRENT must be >= 1\n" + usage, ""},
		{"-m -3 -l 0 -s x ZZZ", "*** Usage error: --max_req CONCURRENT must be >= 1\n" + usage, ""},
		{"-l 0", "*** Usage error: --limit N must be >= 1\n" + usage, ""},
		{"--limit 0 -s x ZZZ", "*** Usage error: --limit N must be >= 1\n" + usage, ""},
		{"-s x", "*** Usage error: --server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE\n" + usage, ""},
		{"--server slow ZZZ", "*** Usage error: --server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE\n" + usage, ""},
		{"ZZZ", "*** Usage error: each CC argument must be A to Z or AA to ZZ.\n" + usage, ""},
		{"BR 1B", "*** Usage error: each CC argument must be A to Z or AA to ZZ.\n" + usage, ""},
		{"é", "*** Usage error: each CC argument must be A to Z or AA to ZZ.\n" + usage, ""},
		{"B -v -", "*** Usage error: each CC argument must be A to Z or AA to ZZ.\n" + usage, ""},
		{"--strategy threads", "*** Usage error: --strategy NAME must be one of executor, sequential, tasks\n" + usage, ""},
		{"-t 0s", "*** Usage error: --timeout TIMEOUT must be > 0\n" + usage, ""},
		{"-u ftp://example.com/flags", "*** Usage error: --url URL must be an http:// or https:// URL\n" + usage, ""},
		{"-u flags", "*** Usage error: --url URL must be an http:// or https:// URL\n" + usage, ""},
		{"-m x", "", usage + "flags2: error: invalid value \"x\" for flag -m: parse error\n"},
		{"--max_req 1.5", "", usage + "flags2: error: invalid value \"1.5\" for flag -max_req: parse error\n"},
		{"--bogus", "", usage + "flags2: error: flag provided but not defined: -bogus\n"},
		{"BR -l", "", usage + "flags2: error: flag needs an argument: -l\n"},
		{"-t 3", "", usage + "flags2: error: invalid value \"3\" for flag -t: parse error\n"},
	} {
		t.Run(tc.args, func(t *testing.T) {
			r := runMain(context.Background(), t, flags2, Env{}, strings.Fields(tc.args)...)
			require.Equal(t, 2, r.code)
			require.Equal(t, tc.stdout, r.out)
			require.Equal(t, tc.stderr, r.errOut)
			require.Empty(t, files(t, r.dir), "nothing downloaded")
		})
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help"} {
		r := runMain(context.Background(), t, flags2, Env{}, "B", arg)
		require.Equal(t, 0, r.code)
		require.True(t, strings.HasPrefix(r.out, usage+"\nDownload flags for country codes."), r.out)
		require.Contains(t, r.out, "--strategy NAME       one of executor, sequential, tasks (default=tasks)")
		require.Empty(t, r.errOut)
	}
}

func TestParse(t *testing.T) {
	pop20 := []string{"BD", "BR", "CD", "CN", "DE", "EG", "ET", "FR", "ID", "IN", "IR", "JP", "MX", "NG", "PH", "PK", "RU", "TR", "US", "VN"}
	b := strings.Fields("BA BB BC BD BE BF BG BH BI BJ BK BL BM BN BO BP BQ BR BS BT BU BV BW BX BY BZ")
	for _, tc := range []struct {
		args   string
		codes  []string
		conns  int
		verify func(t *testing.T, o Options)
	}{
		{"", pop20, 5, func(t *testing.T, o Options) {
			require.Equal(t, Options{Codes: pop20, Limit: o.Limit, MaxReq: 5, Server: "LOCAL", Strategy: Tasks, Timeout: DefaultTimeout}, o)
		}},
		{"-l 3", pop20[:3], 3, nil},
		{"--limit 25", pop20, 5, nil},
		{"b", b, 5, nil},
		{"B br BR bz", b, 5, nil},
		{"-v B -m 3", b, 3, func(t *testing.T, o Options) { require.True(t, o.Verbose) }},
		{"BR -a ZZZ", site.Codes(), 5, nil},
		{"-e -a", nil, 5, func(t *testing.T, o Options) {
			require.Len(t, o.Codes, 676)
			require.Equal(t, []string{"AA", "AB"}, o.Codes[:2])
			require.Equal(t, "ZZ", o.Codes[675])
		}},
		{"--every -l 2 BR", []string{"AA", "AB"}, 2, nil},
		{"-e -m 5000", nil, 676, nil},
		{"-a -m 5000", site.Codes(), 194, nil},
		{"-m 1 -a", site.Codes(), 1, nil},
		{"--strategy sequential -m 50 B", b, 1, nil},
		{"--strategy executor", pop20, 20, func(t *testing.T, o Options) { require.Equal(t, 30, o.MaxReq) }},
		{"--strategy executor -e", nil, 30, nil},
		{"-s delay BR", []string{"BR"}, 1, func(t *testing.T, o Options) { require.Equal(t, "DELAY", o.Server) }},
		{"--server Remote", pop20, 5, func(t *testing.T, o Options) { require.Equal(t, "REMOTE", o.Server) }},
		{"-u http://127.0.0.1:8001/flags/ -t 1.5s", pop20, 5, func(t *testing.T, o Options) {
			require.Equal(t, "http://127.0.0.1:8001/flags", o.URL)
			require.Equal(t, 1500*1e6, float64(o.Timeout))
		}},
	} {
		t.Run(tc.args, func(t *testing.T) {
			var out, errOut bytes.Buffer
			o, err := parser{name: "flags2", strategy: Tasks, stdout: &out, stderr: &errOut}.parse(strings.Fields(tc.args))
			require.NoError(t, err, out.String()+errOut.String())
			if tc.codes != nil {
				require.Equal(t, tc.codes, o.Codes)
			}
			require.Equal(t, tc.conns, o.Conns())
			if tc.verify != nil {
				tc.verify(t, o)
			}
			require.Empty(t, out.String()+errOut.String())
		})
	}
}

func TestReports(t *testing.T) {
	var buf bytes.Buffer
	initialReport(&buf, "LOCAL", "http://x/flags", []string{"AD"}, 1)
	initialReport(&buf, "DELAY", "http://x/flags", []string{"AA", "AB", "AC"}, 3)
	finalReport(&buf, Counts{OK: 1, Error: 1}, 0)
	finalReport(&buf, Counts{OK: 5, NotFound: 9, Error: 112}, 904*1e6)
	finalReport(&buf, Counts{}, 0)
	require.Equal(t, `LOCAL site: http://x/flags
Searching for 1 flag: AD
1 connection will be used.
DELAY site: http://x/flags
Searching for 3 flags: AA, AB, AC
3 concurrent connections will be used.
--------------------
  1 flag downloaded.
  1 error.
Elapsed time: 0.00s
--------------------
  5 flags downloaded.
  9 not found.
112 errors.
Elapsed time: 0.90s
--------------------
  0 flags downloaded.
Elapsed time: 0.00s
`, buf.String())
}
