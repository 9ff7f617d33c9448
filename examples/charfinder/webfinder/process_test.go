package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestProcessSIGINT runs the command as a process, queries it, and stops it
// with SIGINT, as Ctrl-C does.
func TestProcessSIGINT(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "127.0.0.1", "0")
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	lines := bufio.NewScanner(stderr)
	var base string
	serving := regexp.MustCompile(`^Serving on (http://127\.0\.0\.1:\d+)/\. Hit CTRL-C to stop\.$`)
	for base == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	require.NotEmpty(t, base, "no Serving line")
	_, body := get(t, base+"/search?q=chess+black+turned+rook")
	require.Equal(t, `[{"char":"🨦","name":"BLACK CHESS TURNED ROOK","code":"U+1FA26"}]`, body)

	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	var last string
	for lines.Scan() {
		last = lines.Text()
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "exit status")
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after SIGINT")
	}
	require.Equal(t, "Server shut down.", last)
}
