package download

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

// TestStrategies runs flags2 with each strategy against each embedded site,
// on a fake clock: the elapsed times are the physical limits exactly.
func TestStrategies(t *testing.T) {
	for _, tc := range []struct {
		strategy Strategy
		args     string
		header   string
		summary  string
	}{
		{Sequential, "-s LOCAL -l 30 -e", "LOCAL site: http://flags.pipe/flags\nSearching for 30 flags: from AA to BD\n1 connection will be used.\n",
			" 14 flags downloaded.\n 16 not found.\nElapsed time: 0.00s\n"},
		{Executor, "-s local -l 40 -a -m 20", "LOCAL site: http://flags.pipe/flags\nSearching for 40 flags: from AD to CU\n20 concurrent connections will be used.\n",
			" 40 flags downloaded.\nElapsed time: 0.00s\n"},
		{Tasks, "", "LOCAL site: http://flags.pipe/flags\nSearching for 20 flags: from BD to VN\n5 concurrent connections will be used.\n",
			" 20 flags downloaded.\nElapsed time: 0.00s\n"},
		{Sequential, "-s DELAY -l 10", "DELAY site: http://flags.pipe/flags\nSearching for 10 flags: BD, BR, CD, CN, DE, EG, ET, FR, ID, IN\n1 connection will be used.\n",
			" 10 flags downloaded.\nElapsed time: 5.00s\n"},
		{Executor, "-s DELAY -l 60 -a -m 20", "DELAY site: http://flags.pipe/flags\nSearching for 60 flags: from AD to GB\n20 concurrent connections will be used.\n",
			" 60 flags downloaded.\nElapsed time: 1.50s\n"},
		{Tasks, "-s DELAY -a -m 20", "DELAY site: http://flags.pipe/flags\nSearching for 194 flags: from AD to ZW\n20 concurrent connections will be used.\n",
			"194 flags downloaded.\nElapsed time: 5.00s\n"},
		{Tasks, "-s DELAY -e -l 100 -m 200", "DELAY site: http://flags.pipe/flags\nSearching for 100 flags: from AA to DV\n100 concurrent connections will be used.\n",
			" 47 flags downloaded.\n 53 not found.\nElapsed time: 0.50s\n"},
		{Executor, "-s DELAY -m 1500 A", "DELAY site: http://flags.pipe/flags\nSearching for 26 flags: from AA to AZ\n26 concurrent connections will be used.\n",
			" 11 flags downloaded.\n 15 not found.\nElapsed time: 0.50s\n"},
		// ERROR: 0.5 to 5 s, a quarter 418; the client gives up at 3.1 s.
		{Executor, "-s ERROR -a -m 194", "ERROR site: http://flags.pipe/flags\nSearching for 194 flags: from AD to ZW\n194 concurrent connections will be used.\n",
			errorSummary},
		{Tasks, "-s ERROR -a -m 194", "ERROR site: http://flags.pipe/flags\nSearching for 194 flags: from AD to ZW\n194 concurrent connections will be used.\n",
			errorSummary},
		{Sequential, "-s ERROR -v -l 12 B", "ERROR site: http://flags.pipe/flags\nSearching for 12 flags: from BA to BL\n1 connection will be used.\n" +
			sequentialErrorLines, sequentialErrorSummary},
	} {
		t.Run(fmt.Sprintf("%s %s", tc.strategy, tc.args), func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				args := append(splitArgs(tc.args), "--strategy", string(tc.strategy))
				r := runMain(context.Background(), t, flags2, pipeEnv(t), args...)
				require.Equal(t, 0, r.code, r.errOut)
				require.Empty(t, r.errOut)
				require.Equal(t, tc.header+"--------------------\n"+tc.summary, r.out)
				require.Len(t, files(t, r.dir), downloaded(t, r.out))
			})
		})
	}
}

// The seeded ERROR site's answers: every strategy sees the same ones.
const (
	errorSummary = " 72 flags downloaded.\n122 errors.\nElapsed time: 3.10s\n"

	sequentialErrorLines = `BA error: context deadline exceeded
BB error: context deadline exceeded
BC error: HTTP error 418 - I'm a Teapot
BD error: context deadline exceeded
BE error: context deadline exceeded
BF OK
BG OK
BH OK
BI error: context deadline exceeded
BJ error: context deadline exceeded
BK not found: http://flags.pipe/flags/bk/bk.gif
BL error: context deadline exceeded
`
	sequentialErrorSummary = "  3 flags downloaded.\n  1 not found.\n  8 errors.\nElapsed time: 29.35s\n"
)
