// Package examples_test runs the remote example's commands for real: an
// embedded NATS server, two worker processes, the client, and a worker
// killed while the client runs.
package examples_test

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func build(t *testing.T) string {
	dir := t.TempDir()
	out, err := exec.Command("go", "build", "-o", dir, "./worker", "./client").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return dir
}

func TestWorkersAndClient(t *testing.T) {
	bin := build(t)
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	require.NoError(t, err)
	s.Start()
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	require.True(t, s.ReadyForConnections(10*time.Second))
	url := s.ClientURL()

	var workers []*exec.Cmd
	var logs []*syncBuffer
	for range 2 {
		log := &syncBuffer{}
		w := exec.Command(filepath.Join(bin, "worker"), "-server", url, "-c", "2", "-ack-wait", "1s")
		w.Stderr = log
		require.NoError(t, w.Start())
		workers = append(workers, w)
		logs = append(logs, log)
	}
	defer func() {
		for _, w := range workers {
			_ = w.Process.Kill()
			_ = w.Wait()
		}
	}()
	require.Eventually(t, func() bool {
		return strings.Contains(logs[0].String(), "serving") && strings.Contains(logs[1].String(), "serving")
	}, 10*time.Second, 10*time.Millisecond)

	const n = 40
	client := exec.Command(filepath.Join(bin, "client"), "-server", url, "-n", strconv.Itoa(n))
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	client.Stdout, client.Stderr = stdout, stderr
	require.NoError(t, client.Start())
	// Kill a worker while the client waits for its results.
	require.Eventually(t, func() bool { return stdout.Len() > 0 }, 10*time.Second, time.Millisecond)
	require.NoError(t, workers[0].Process.Kill())
	require.NoError(t, client.Wait(), "stderr: %s", stderr.String())

	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	require.Len(t, lines, n, "every number reported once")
	for i, line := range lines {
		f := strings.Fields(line)
		require.Equal(t, strconv.FormatInt(9_999_999_999_999_001+2*int64(i), 10), f[0], "in input order")
	}
	require.Contains(t, stdout.String(), "9999999999999011  P", "a known prime")
	require.Contains(t, stderr.String(), "Total time:")

	// The survivor drains on SIGTERM and exits 0.
	require.NoError(t, workers[1].Process.Signal(syscall.SIGTERM))
	require.NoError(t, workers[1].Wait())
	require.Contains(t, logs[1].String(), "drained")

	// The same client on a local executor prints the same verdicts.
	local, err := exec.Command(filepath.Join(bin, "client"), "-local", "-n", strconv.Itoa(n)).Output()
	require.NoError(t, err)
	require.Equal(t, verdicts(stdout.String()), verdicts(string(local)))
}

func TestUsage(t *testing.T) {
	bin := build(t)
	for _, cmd := range []string{"worker", "client"} {
		err := exec.Command(filepath.Join(bin, cmd), "-bogus").Run()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee)
		require.Equal(t, 2, ee.ExitCode(), "%s: a usage error exits 2", cmd)
		require.NoError(t, exec.Command(filepath.Join(bin, cmd), "-h").Run(), "%s -h", cmd)
	}
}

// verdicts keeps each line's number and mark.
func verdicts(out string) []string {
	var v []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		v = append(v, line[:19])
	}
	return v
}

// syncBuffer is a bytes.Buffer that a command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
