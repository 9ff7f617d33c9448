package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/flags/download"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestCommand: flags3 saves each flag under its country's name.
func TestCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	dir := t.TempDir()
	code := download.Main(context.Background(), command, []string{"-v", "GB", "CD", "ZZ"}, download.Env{Stdout: &out, Stderr: &errOut, Dir: dir})
	require.Equal(t, 0, code, errOut.String())
	require.Contains(t, out.String(), "--------------------\n  2 flags downloaded.\n  1 not found.\n")
	entries, err := os.ReadDir(filepath.Join(dir, "downloaded"))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	require.Equal(t, []string{"Congo_(Kinshasa).gif", "United_Kingdom.gif"}, names)
}
