// Package proctest runs a test binary as the command it tests, for the
// process tests of tcpfinder and webfinder: the binary is started again
// with an environment variable that makes its TestMain run main, its log is
// read line by line from standard error, and it is stopped with signals.
package proctest

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// Start runs the test binary with env=1 in its environment and args as its
// arguments, and returns the process and a scanner over its standard
// error. The process is killed, if still running, when the test ends.
func Start(t testing.TB, env string, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), env+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(stderr)
}

// Await reads lines until one matches re and returns its first submatch;
// the test fails if the log ends first.
func Await(t testing.TB, lines *bufio.Scanner, re *regexp.Regexp) string {
	t.Helper()
	for lines.Scan() {
		if m := re.FindStringSubmatch(lines.Text()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no line matching %s in the log", re)
	return ""
}

// Drain reads the rest of the log in a goroutine of its own, so that the
// process never blocks writing it.
func Drain(lines *bufio.Scanner) {
	go func() {
		for lines.Scan() {
		}
	}()
}

// Exit waits at most within for the process to exit and returns what Wait
// returned; the test fails if it does not exit in time.
func Exit(t testing.TB, cmd *exec.Cmd, within time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(within):
		t.Fatalf("no exit within %v", within)
		return nil
	}
}

// RequireEndedBySignal sends sig again every 50 ms, as a user pressing
// Ctrl-C again would, and fails the test unless the process is ended by
// the signal itself (its default action) within the given time.
func RequireEndedBySignal(t testing.TB, cmd *exec.Cmd, sig syscall.Signal, within time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(within)
	for {
		select {
		case err := <-done:
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("exit %v, not by %v", err, sig)
			}
			if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
				t.Fatalf("exit %v, not by %v", err, sig)
			}
			return
		case <-tick.C:
			cmd.Process.Signal(sig)
		case <-deadline:
			t.Fatalf("a repeated %v did not end the process", sig)
		}
	}
}
