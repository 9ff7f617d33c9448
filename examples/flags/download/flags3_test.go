package download

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

func TestFlags3Local(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runMain(context.Background(), t, flags3, pipeEnv(t), "-v", "--strategy", "sequential", "BR", "gb", "CD", "ZZ", "CI")
		require.Equal(t, 0, r.code, r.errOut)
		require.Equal(t, `LOCAL site: http://flags.pipe/flags
Searching for 5 flags: BR, CD, CI, GB, ZZ
1 connection will be used.
BR OK
CD OK
CI OK
GB OK
ZZ not found: http://flags.pipe/flags/zz/zz.gif
--------------------
  4 flags downloaded.
  1 not found.
Elapsed time: 0.00s
`, r.out)
		require.ElementsMatch(t, []string{"Brazil.gif", "Congo_(Kinshasa).gif", "Cote_d'Ivoire.gif", "United_Kingdom.gif"}, files(t, r.dir))
	})
}

// TestFlags3Strategies: two requests per flag, each under the limit; the
// second doubles the delay.
func TestFlags3Strategies(t *testing.T) {
	for _, tc := range []struct{ args, summary string }{
		{"-s DELAY -a -l 50 -m 194 --strategy tasks", " 50 flags downloaded.\nElapsed time: 1.00s\n"},
		{"-s DELAY -l 40 -a -m 20 --strategy executor", " 40 flags downloaded.\nElapsed time: 2.00s\n"},
		{"-s DELAY -l 4 -a --strategy sequential", "  4 flags downloaded.\nElapsed time: 4.00s\n"},
		{"-s LOCAL -e -l 100 -m 100", " 47 flags downloaded.\n 53 not found.\nElapsed time: 0.00s\n"},
	} {
		t.Run(tc.args, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				r := runMain(context.Background(), t, flags3, pipeEnv(t), strings.Fields(tc.args)...)
				require.Equal(t, 0, r.code, r.errOut)
				require.Equal(t, "--------------------\n"+tc.summary, summary(r.out))
				require.Len(t, files(t, r.dir), downloaded(t, r.out))
			})
		})
	}
}

// TestFlags3ErrorCounting: against the seeded ERROR site, each flag's status
// is its own: a flag after a failed one can still be OK (the book's 2e flags3
// counts every flag after the first failure as an error), and the counts
// match the verbose lines.
func TestFlags3ErrorCounting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runMain(context.Background(), t, flags3, pipeEnv(t), "-s", "ERROR", "-v", "--strategy", "sequential", "-l", "20", "-e")
		require.Equal(t, 0, r.code, r.errOut)
		lines := splitLines(r.out)
		var c Counts
		okAfterError := false
		for i, l := range lines[3:23] {
			switch {
			case strings.HasSuffix(l, " OK"):
				c.OK++
				okAfterError = okAfterError || c.Error > 0
			case strings.Contains(l, " not found: "):
				c.NotFound++
			case strings.Contains(l, " error: "):
				c.Error++
			default:
				t.Fatalf("line %d: %q", i, l)
			}
		}
		require.True(t, okAfterError, r.out)
		require.Equal(t, 20, c.Total())
		want := "--------------------\n" + countLines(c)
		require.Equal(t, want, summary(r.out)[:len(want)])
		require.Len(t, files(t, r.dir), c.OK)
	})
}

// countLines is the summary's count lines for c.
func countLines(c Counts) string {
	var b strings.Builder
	finalReport(&b, c, 0)
	s := strings.TrimPrefix(b.String(), "--------------------\n")
	return s[:strings.Index(s, "Elapsed")]
}
