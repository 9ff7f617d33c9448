package remote_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/remote"
)

// childWorkerEnv, set to a server URL, turns the test binary into a worker
// process (see TestMain).
const childWorkerEnv = "TULIP_REMOTE_TEST_WORKER"

// Nap sleeps for its input in milliseconds and returns who ran it.
var Nap = remote.NewFunc[int, NapResult]("nap")

// NapResult says which process ran a Nap, on which delivery attempt.
type NapResult struct {
	PID     int
	Attempt int
}

// The fault tests' worker settings: a short ack wait makes redelivery fast.
const childAckWait = 500 * time.Millisecond

// runChildWorker serves Nap until SIGTERM. Each start is announced on
// test.started.PID so that the parent knows whom to kill.
func runChildWorker(url string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	nc, err := nats.Connect(url, nats.MaxReconnects(-1), nats.ReconnectWait(50*time.Millisecond))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child worker:", err)
		return 1
	}
	defer nc.Close()
	reg := remote.NewRegistry()
	registerNap(reg, nc)
	w, err := remote.NewWorker(nc, reg, remote.Concurrency(2), remote.AckWait(childAckWait))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child worker:", err)
		return 1
	}
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "child worker:", err)
		return 1
	}
	return 0
}

func registerNap(reg *remote.Registry, nc *nats.Conn) {
	pid := os.Getpid()
	remote.Register(reg, Nap, func(ctx context.Context, ms int) (NapResult, error) {
		info, _ := remote.Info(ctx)
		_ = nc.Publish("test.started."+strconv.Itoa(pid), nil)
		t := time.NewTimer(time.Duration(ms) * time.Millisecond)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return NapResult{}, ctx.Err()
		case <-t.C:
		}
		return NapResult{PID: pid, Attempt: info.Attempt}, nil
	})
}

// startChild starts the test binary as a worker process against url.
func startChild(t *testing.T, url string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childWorkerEnv+"="+url)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	return cmd
}

// TestKillWorker runs two worker processes, SIGKILLs one while it runs a
// task, and checks that every future completes exactly once, some after a
// redelivery to the survivor.
func TestKillWorker(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	// Create the streams and the shared consumer with the children's ack wait
	// before they race to do it.
	_, err := remote.NewWorker(nc, remote.NewRegistry(), remote.AckWait(childAckWait))
	require.NoError(t, err)
	started := make(chan string, 100)
	sub, err := nc.Subscribe("test.started.*", func(m *nats.Msg) { started <- m.Subject })
	require.NoError(t, err)
	defer sub.Unsubscribe()

	a := startChild(t, s.ClientURL())
	b := startChild(t, s.ClientURL())
	c, err := remote.NewClient(nc)
	require.NoError(t, err)
	defer c.Close()

	ctx := testCtx(t)
	const n = 12
	fs := make([]*future.Future[NapResult], n)
	for i := range fs {
		fs[i] = remote.Submit(ctx, c, Nap, 300)
	}
	// Kill a child as soon as it has started a task.
	victim := a
	if recv(t, started) == "test.started."+strconv.Itoa(b.Process.Pid) {
		victim = b
	}
	require.NoError(t, victim.Process.Kill())

	var completions atomic.Int64
	for _, fut := range fs {
		fut.AddDoneCallback(func(*future.Future[NapResult]) { completions.Add(1) })
	}
	res, err := future.Gather(ctx, fs...)
	require.NoError(t, err)
	redelivered := 0
	for _, r := range res {
		if r.Attempt > 1 {
			redelivered++
			require.NotEqual(t, victim.Process.Pid, r.PID, "a redelivered task ran on the survivor")
		}
	}
	require.Positive(t, redelivered, "the killed worker's tasks were redelivered")
	require.Equal(t, int64(n), completions.Load(), "every future completed once")
	require.Equal(t, int64(n), c.Stats().Completed)
	t.Logf("%d of %d tasks redelivered after the kill", redelivered, n)
}

// TestCluster runs a three-server JetStream cluster with replicas 3, stops
// one server mid-run, and checks that nothing is lost.
func TestCluster(t *testing.T) { clusterRun(t, false) }

// TestClusterMap is TestCluster with Map's pipelined publishing.
func TestClusterMap(t *testing.T) { clusterRun(t, true) }

func clusterRun(t *testing.T, useMap bool) {
	opts := clusterOptions(t, 3)
	servers := make([]*serverHandle, 3)
	urls := ""
	for i, o := range opts {
		servers[i] = startHandle(t, o)
		if i > 0 {
			urls += ","
		}
		urls += servers[i].s.ClientURL()
	}
	for _, h := range servers {
		require.Eventually(t, func() bool { return h.s.JetStreamIsClustered() && h.s.JetStreamIsCurrent() },
			20*time.Second, 20*time.Millisecond, "cluster formed")
	}
	ctx := testCtx(t)
	ncW := connect(t, urls)
	ncC := connect(t, urls)

	reg := remote.NewRegistry()
	registerNap(reg, ncW)
	var w *remote.Worker
	var err error
	require.Eventually(t, func() bool {
		w, err = remote.NewWorker(ncW, reg, remote.Replicas(3), remote.Concurrency(4), remote.AckWait(time.Second))
		return err == nil
	}, 20*time.Second, 100*time.Millisecond, "streams with 3 replicas")
	wctx, stopW := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- w.Run(wctx) }()
	defer func() { stopW(); require.NoError(t, <-runDone) }()

	c, err := remote.NewClient(ncC, remote.Replicas(3))
	require.NoError(t, err)
	defer c.Close()

	// Stop the server the client talks to (only that one: the client
	// reconnects to another at once).
	stopClientsServer := func() {
		url := ncC.ConnectedUrl()
		for _, h := range servers {
			if h.s.ClientURL() == url {
				h.stop()
			}
		}
	}
	const n = 40
	if useMap {
		i := 0
		for _, err := range remote.Map(ctx, c, Nap, slices.Values(make([]int, n)), remote.Window(16)) {
			require.NoError(t, err, "result %d", i)
			if i++; i == n/4 {
				stopClientsServer()
			}
		}
		require.Equal(t, n, i, "every task completed with one server down")
		return
	}
	fs := make([]*future.Future[NapResult], n)
	for i := range fs {
		fs[i] = remote.Submit(ctx, c, Nap, 20)
		if i == n/2 {
			stopClientsServer()
		}
	}
	res, err := future.Gather(ctx, fs...)
	if err != nil {
		t.Logf("client %+v worker %+v", c.Stats(), w.Stats())
		for i, fut := range fs {
			if !fut.IsDone() {
				t.Logf("pending: %d %v", i, fut)
			}
		}
		js, _ := jetstream.New(ncW)
		for _, name := range []string{"TULIP_TASKS", "TULIP_RESULTS"} {
			s, err := js.Stream(context.Background(), name)
			if err != nil {
				t.Logf("%s: %v", name, err)
				continue
			}
			t.Logf("%s: %+v cluster %+v", name, s.CachedInfo().State, s.CachedInfo().Cluster)
			for ci := range s.ListConsumers(context.Background()).Info() {
				t.Logf("  consumer %s pending %d ackpending %d waiting %d redelivered %d cluster %+v", ci.Name, ci.NumPending, ci.NumAckPending, ci.NumWaiting, ci.NumRedelivered, ci.Cluster)
			}
		}
		t.Logf("client on %s worker on %s", ncC.ConnectedUrl(), ncW.ConnectedUrl())
		for _, h := range servers {
			t.Logf("server %s %s running=%v", h.s.Name(), h.s.ClientURL(), h.s.Running())
		}
	}
	require.NoError(t, err, "every task completed with one server down")
	require.Len(t, res, n)
}

// TestServerRestart stops the only server while tasks are queued, restarts it
// on the same store, and checks that the pending tasks still complete.
func TestServerRestart(t *testing.T) {
	dir, port := t.TempDir(), freePort(t)
	h := startHandle(t, serverOptions(dir, port))
	url := h.s.ClientURL()
	nc := connect(t, url)
	c, err := remote.NewClient(nc)
	require.NoError(t, err)
	defer c.Close()
	ctx := testCtx(t)
	const n = 10
	fs := make([]*future.Future[NapResult], n)
	for i := range fs {
		fs[i] = remote.Submit(ctx, c, Nap, 1)
	}
	h.stop()
	startHandle(t, serverOptions(dir, port))
	reg := remote.NewRegistry()
	registerNap(reg, nc)
	var w *remote.Worker
	require.Eventually(t, func() bool {
		w, err = remote.NewWorker(nc, reg)
		return err == nil
	}, 10*time.Second, 50*time.Millisecond)
	wctx, stopW := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- w.Run(wctx) }()
	defer func() { stopW(); require.NoError(t, <-runDone) }()
	_, err = future.Gather(ctx, fs...)
	require.NoError(t, err, "tasks queued before the restart complete after it")
}

// serverHandle is a server that a test may stop early.
type serverHandle struct {
	s    *server.Server
	once sync.Once
}

func startHandle(t *testing.T, o *server.Options) *serverHandle {
	h := &serverHandle{s: runServer(t, o)}
	t.Cleanup(h.stop)
	return h
}

func (h *serverHandle) stop() { h.once.Do(func() { stopServer(h.s) }) }
