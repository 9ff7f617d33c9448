package main

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fullIndex builds the index once for all the tests (it takes a while under
// the race detector).
var fullIndex = sync.OnceValue(func() *index.Index { return index.New() })

func sharedIndex(...index.Option) *index.Index { return fullIndex() }

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb, sharedIndex)
	return code, out.String(), errb.String()
}

func Example() {
	run([]string{"cat", "smiling"}, os.Stdout, nil, sharedIndex)
	// Output:
	// U+1F638	😸	GRINNING CAT FACE WITH SMILING EYES
	// U+1F63A	😺	SMILING CAT FACE WITH OPEN MOUTH
	// U+1F63B	😻	SMILING CAT FACE WITH HEART-SHAPED EYES
	// ────────────────────────────────────────────────────────────────── 3 found
}

func TestRun(t *testing.T) {
	code, out, errs := runCmd("chess", "BLACK", "turned", "rook")
	require.Equal(t, 0, code)
	require.Empty(t, errs)
	require.Equal(t, "U+1FA26\t🨦\tBLACK CHESS TURNED ROOK\n"+strings.Repeat("─", 66)+" 1 found\n", out)

	code, out, _ = runCmd("brillig")
	require.Equal(t, 0, code)
	require.Equal(t, strings.Repeat("─", 66)+" 0 found\n", out)

	code, out, _ = runCmd("--", "-")
	require.Equal(t, 0, code)
	require.Equal(t, strings.Repeat("─", 66)+" 0 found\n", out)
}

func TestUsage(t *testing.T) {
	code, out, errs := runCmd()
	require.Equal(t, 2, code)
	require.Empty(t, out)
	require.Equal(t, "Please give one or more words to search.\n", errs)

	code, _, errs = runCmd("-h")
	require.Equal(t, 0, code)
	require.Contains(t, errs, "usage: charfinder WORDS...")

	code, _, errs = runCmd("-x")
	require.Equal(t, 2, code)
	require.Contains(t, errs, "flag provided but not defined: -x")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, bytes.ErrTooLarge }

func TestWriteError(t *testing.T) {
	var errb bytes.Buffer
	require.Equal(t, 1, run([]string{"sign"}, failWriter{}, &errb, sharedIndex))
	require.Contains(t, errb.String(), "charfinder:")
}
