package remote_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/remote"
)

// The test functions.
var (
	Echo     = remote.NewFunc[string, string]("echo")
	Fail     = remote.NewFunc[string, int]("fail")
	Boom     = remote.NewFunc[string, int]("boom")
	Block    = remote.NewFunc[string, string]("block")
	Missing  = remote.NewFunc[int, int]("missing")
	Square   = remote.NewFunc[int, int]("square") // fails on negative numbers
	Whoami   = remote.NewFunc[struct{}, remote.TaskInfo]("whoami")
	Deadline = remote.NewFunc[struct{}, time.Time]("deadline")
)

// fixture is a server, a worker registry with the test functions and a
// client. Block's calls report on started and ended and return their input
// once their gate is opened, or ctx.Err() when their context ends.
type fixture struct {
	t       *testing.T
	url     string
	nc      *nats.Conn
	reg     *remote.Registry
	client  *remote.Client
	started chan string
	ended   chan error

	mu    sync.Mutex
	gates map[string]chan struct{}
	runs  map[string]int
}

func newFixture(t *testing.T, copts ...remote.ClientOption) *fixture {
	s := startServer(t)
	f := &fixture{
		t: t, url: s.ClientURL(),
		started: make(chan string, 100), ended: make(chan error, 100),
		gates: make(map[string]chan struct{}), runs: make(map[string]int),
	}
	f.nc = connect(t, f.url)
	f.reg = remote.NewRegistry()
	remote.Register(f.reg, Echo, func(_ context.Context, s string) (string, error) {
		f.count(s)
		return s, nil
	})
	remote.Register(f.reg, Fail, func(_ context.Context, s string) (int, error) { return 0, errors.New(s) })
	remote.Register(f.reg, Boom, func(_ context.Context, s string) (int, error) { panic(s) })
	remote.Register(f.reg, Square, func(_ context.Context, n int) (int, error) {
		if n < 0 {
			return 0, fmt.Errorf("negative: %d", n)
		}
		return n * n, nil
	})
	remote.Register(f.reg, Whoami, func(ctx context.Context, _ struct{}) (remote.TaskInfo, error) {
		info, _ := remote.Info(ctx)
		return info, nil
	})
	remote.Register(f.reg, Deadline, func(ctx context.Context, _ struct{}) (time.Time, error) {
		dl, _ := ctx.Deadline()
		return dl, nil
	})
	remote.Register(f.reg, Block, func(ctx context.Context, s string) (string, error) {
		f.count(s)
		f.started <- s
		select {
		case <-f.gate(s):
			return s, nil
		case <-ctx.Done():
			f.ended <- ctx.Err()
			return "", ctx.Err()
		}
	})
	var err error
	f.client, err = remote.NewClient(f.nc, copts...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, f.client.Close()) })
	return f
}

func (f *fixture) count(s string) {
	f.mu.Lock()
	f.runs[s]++
	f.mu.Unlock()
}

func (f *fixture) ran(s string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runs[s]
}

func (f *fixture) gate(s string) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.gates[s]
	if !ok {
		g = make(chan struct{})
		f.gates[s] = g
	}
	return g
}

func (f *fixture) open(s string) { close(f.gate(s)) }

// newWorker creates a worker on the fixture's connection, not yet running.
func (f *fixture) newWorker(opts ...remote.WorkerOption) *remote.Worker {
	w, err := remote.NewWorker(f.nc, f.reg, opts...)
	require.NoError(f.t, err)
	return w
}

// run runs w until the test ends (or stop is called) and checks Run's return.
func (f *fixture) run(w *remote.Worker) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			require.NoError(f.t, <-done)
		})
	}
	f.t.Cleanup(stop)
	return stop
}

// startWorker creates and runs a worker.
func (f *fixture) startWorker(opts ...remote.WorkerOption) *remote.Worker {
	w := f.newWorker(opts...)
	f.run(w)
	return w
}

// recv receives from ch or fails the test after 10 s.
func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting")
		panic("unreachable")
	}
}

// testCtx is a context bounded so that a hung test fails instead of hanging.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
