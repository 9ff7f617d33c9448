package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/domains/internal/dnstest"
)

// The real program, interrupted with SIGINT (Ctrl-C) while its lookups wait
// on a server that does not answer: it stops them and exits 130 at once,
// instead of waiting out the lookups' hour-long timeout.
func TestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "blogdom")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	s := dnstest.Start(t, dnstest.Zone{Gated: []string{"go.dev"}})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a safety net only
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-dns", s.Addr, "-timeout", "1h")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Start())
	<-s.Arrivals // go.dev's lookup has reached the server
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%v", err)
	require.Equal(t, 130, exit.ExitCode(), errOut.String())
	require.Contains(t, errOut.String(), "blogdom: interrupted")
	require.NoError(t, ctx.Err(), "it did not need the safety net")
}
