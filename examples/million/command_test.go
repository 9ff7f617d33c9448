//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// asCommand, set to 1 in the environment, makes the test binary run as the
// million command (see TestMain): the tests run it for real, children and
// all, without building it first.
const asCommand = "MILLION_TEST_AS_COMMAND"

func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, args...)
	// Under -race, a process waits a second when it exits unless told not to.
	cmd.Env = append(os.Environ(), asCommand+"=1", "GORACE=atexit_sleep_ms=0")
	return cmd
}

func TestCommandOutput(t *testing.T) {
	cmd := command(t, "-n", "2000", "-d", "50ms")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
	lines := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
	require.Len(t, lines, 5, "stdout: %s", stdout.String())
	require.Equal(t, "2,000 tasks, each sleeping 50ms", lines[0])
	require.Regexp(t, `^variant +wall +all started +peak memory$`, lines[1])
	row := ` +[0-9]+\.[0-9]{2}s +[0-9]+\.[0-9]{2}s +[0-9.]+ (MiB|GiB)$`
	require.Regexp(t, `^bare`+row, lines[2])
	require.Regexp(t, `^tulip`+row, lines[3])
	require.Regexp(t, `^tulip/bare: wall [0-9.]+×, peak memory [0-9.]+× \(targets ≤ 1\.3×, ≤ 1\.5×\)$`, lines[4])
	require.Contains(t, stderr.String(), "bare: 2,000 tasks started in ")
	require.Contains(t, stderr.String(), "tulip: 2,000 tasks started in ")
}

func TestCommandRounds(t *testing.T) {
	out, err := command(t, "-n", "10", "-d", "1ms", "-rounds", "2").Output()
	require.NoError(t, err)
	require.Regexp(t, `(?s)^10 tasks, each sleeping 1ms, 2 rounds\nvariant [^\n]*\n`+
		`bare [^\n]*\ntulip [^\n]*\nbare [^\n]*\ntulip [^\n]*\n`+
		`median of 2 rounds:\nbare [^\n]*\ntulip [^\n]*\ntulip/bare: [^\n]*\n$`, string(out))
}

func TestCommandOneVariant(t *testing.T) {
	out, err := command(t, "-n", "10", "-d", "1ms", "-variants", "tulip").Output()
	require.NoError(t, err)
	require.Regexp(t, `(?s)^10 tasks, each sleeping 1ms\nvariant .*\ntulip .*\n$`, string(out))
}

// Ctrl-C in a terminal sends SIGINT to the whole foreground process group:
// the parent and the child running. Both stop at once.
func TestCommandCtrlC(t *testing.T) {
	testInterrupt(t, func(p *os.Process) error { return syscall.Kill(-p.Pid, syscall.SIGINT) })
}

// An interrupt sent to the parent alone is passed on to the child.
func TestCommandInterruptParentOnly(t *testing.T) {
	testInterrupt(t, func(p *os.Process) error { return p.Signal(os.Interrupt) })
}

func testInterrupt(t *testing.T, interrupt func(*os.Process) error) {
	cmd := command(t, "-n", "1000", "-d", "1h")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }() // if the test fails

	lines := bufio.NewScanner(stderr)
	require.True(t, lines.Scan(), "the first variant reports its tasks started")
	require.Contains(t, lines.Text(), "bare: 1,000 tasks started in ")
	require.NoError(t, interrupt(cmd.Process))
	_, _ = io.Copy(io.Discard, stderr)

	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err = <-waited:
	case <-time.After(30 * time.Second): // a hang, not a timing check
		t.Fatal("still running after the interrupt")
	}
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "exit error, got %v", err)
	require.Equal(t, 130, exit.ExitCode())
	require.Regexp(t, `(?m)^bare +interrupted after [0-9.]+m?s: 0 of 1,000 tasks finished$`, stdout.String())
	require.NotContains(t, stdout.String(), "tulip", "the second variant never starts")
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "0"},
		{"-rounds", "0"},
		{"-d", "-1s"},
		{"-variants", "bare,asyncio"},
		{"-variant", "nope"},
		{"extra"},
		{"-bogus"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), args, &stdout, &stderr)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, stdout.String())
		require.NotEmpty(t, stderr.String())
	}
	var stdout, stderr bytes.Buffer
	require.Zero(t, run(context.Background(), []string{"-h"}, &stdout, &stderr))
	require.Contains(t, stderr.String(), "usage: million")
}

func TestChildPrintsItsResult(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-variant", "bare", "-n", "10", "-d", "1ms"}, &stdout, &stderr)
	require.Zero(t, code, stderr.String())
	r, err := parseResult(strings.TrimSpace(stdout.String()))
	require.NoError(t, err)
	require.Equal(t, "bare", r.variant)
	require.Equal(t, 10, r.n)
	require.Equal(t, 10, r.finished)
	require.NotZero(t, r.peak)
	require.Regexp(t, regexp.MustCompile(`^(VmHWM|runtime/metrics)$`), r.source)
}

func TestChildInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"-variant", "tulip", "-n", "10", "-d", "1h"}, &stdout, &stderr)
	require.Equal(t, 130, code)
	r, err := parseResult(strings.TrimSpace(stdout.String()))
	require.NoError(t, err)
	require.Zero(t, r.finished)
}
