package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/flags/download"
)

// TestMain runs the tests, or, re-executed by TestCtrlC with
// FLAGS2_RUN_MAIN=1, the program itself.
func TestMain(m *testing.M) {
	if os.Getenv("FLAGS2_RUN_MAIN") == "1" {
		main()
		return
	}
	goleak.VerifyTestMain(m)
}

func TestCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	dir := t.TempDir()
	code := download.Main(context.Background(), command, []string{"-l", "3"}, download.Env{Stdout: &out, Stderr: &errOut, Dir: dir})
	require.Equal(t, 0, code, errOut.String())
	require.Contains(t, out.String(), "Searching for 3 flags: BD, BR, CD\n3 concurrent connections will be used.\n")
	entries, err := os.ReadDir(filepath.Join(dir, "downloaded"))
	require.NoError(t, err)
	require.Len(t, entries, 3)
	require.Equal(t, "BD.gif", entries[0].Name())

	out.Reset()
	require.Equal(t, 2, download.Main(context.Background(), command, []string{"-m", "0"}, download.Env{Stdout: &out, Stderr: &errOut}))
	require.True(t, strings.HasPrefix(out.String(), "*** Usage error: --max_req CONCURRENT must be >= 1\nusage: flags2 "))
}

// TestCtrlC sends SIGINT to the real program in the middle of a DELAY
// run: it cancels what is in flight, prints the summary, exits 130 and
// leaves no partial or temporary file.
func TestCtrlC(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-s", "DELAY", "-a", "-m", "20")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FLAGS2_RUN_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	var out strings.Builder
	for lines.Scan() {
		out.WriteString(lines.Text() + "\n")
		if strings.HasSuffix(lines.Text(), "connections will be used.") {
			// The downloads start now; the first round takes 0.5 s.
			require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%v", err)
	require.Equal(t, 130, exit.ExitCode())
	require.Equal(t, "flags2: interrupted\n", errOut.String())
	require.Contains(t, out.String(), "--------------------\n")
	entries, err := os.ReadDir(filepath.Join(dir, "downloaded"))
	require.NoError(t, err)
	for _, e := range entries {
		require.False(t, strings.HasPrefix(e.Name(), "."), "temp file left: %s", e.Name())
	}
	var saved, errs int
	for _, line := range strings.Split(out.String(), "\n") {
		if n, ok := strings.CutSuffix(strings.TrimSpace(line), " flags downloaded."); ok {
			saved = atoi(t, n)
		}
		if n, ok := strings.CutSuffix(strings.TrimSpace(line), " errors."); ok {
			errs = atoi(t, n)
		}
	}
	require.Len(t, entries, saved)
	require.Equal(t, 194, saved+errs, out.String())
	require.Less(t, saved, 194)
}

func atoi(t *testing.T, s string) int {
	var n int
	for _, r := range s {
		require.True(t, r >= '0' && r <= '9', s)
		n = n*10 + int(r-'0')
	}
	return n
}
