package remote_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/remote"
)

func TestRoundTrip(t *testing.T) {
	f := newFixture(t)
	w := f.startWorker(remote.Concurrency(2))
	ctx := testCtx(t)
	fs := make([]*future.Future[string], 20)
	for i := range fs {
		fs[i] = remote.Submit(ctx, f.client, Echo, fmt.Sprint("hello ", i))
	}
	got, err := future.Gather(ctx, fs...)
	require.NoError(t, err)
	for i, s := range got {
		require.Equal(t, fmt.Sprint("hello ", i), s)
	}
	cs := f.client.Stats()
	require.Equal(t, int64(20), cs.Submitted)
	require.Equal(t, int64(20), cs.Completed)
	require.Zero(t, cs.Pending)
	require.Eventually(t, func() bool { return w.Stats().Succeeded == 20 }, 10*time.Second, 5*time.Millisecond)
}

func TestErrors(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx := testCtx(t)

	_, err := remote.Submit(ctx, f.client, Fail, "disk on fire").Result(ctx)
	var re *remote.Error
	require.ErrorAs(t, err, &re)
	require.Equal(t, "disk on fire", err.Error(), "the function's message comes back as it was")
	require.Equal(t, "fail", re.Func)
	require.NotEmpty(t, re.TaskID)
	for _, s := range []error{remote.ErrUnknownFunc, remote.ErrPanic, remote.ErrTimeout, remote.ErrClosed} {
		require.NotErrorIs(t, err, s)
	}

	_, err = remote.Submit(ctx, f.client, Boom, "kaboom").Result(ctx)
	require.ErrorIs(t, err, remote.ErrPanic)
	require.ErrorAs(t, err, &re)
	require.Contains(t, err.Error(), "kaboom")
	require.Contains(t, re.Stack, "goroutine", "the worker's stack comes as text")
	require.Contains(t, re.Stack, "remote_test", "the stack shows the panicking function")

	_, err = remote.Submit(ctx, f.client, Missing, 1).Result(ctx)
	require.ErrorIs(t, err, remote.ErrUnknownFunc)
	require.Contains(t, err.Error(), `"missing"`)

	// The worker survives all of this.
	v, err := remote.Submit(ctx, f.client, Echo, "still here").Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "still here", v)
}

func TestBadInputAndOutput(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx := testCtx(t)
	// A channel does not encode: the future fails at once, nothing is sent.
	bad := remote.NewFunc[chan int, int]("bad")
	_, err := remote.Submit(ctx, f.client, bad, make(chan int)).Result(ctx)
	require.ErrorContains(t, err, "encode input of bad")
	// A worker that cannot decode the input reports it as the task's error.
	wrongType := remote.NewFunc[int, string]("echo") // the worker's echo takes a string
	_, err = remote.Submit(ctx, f.client, wrongType, 7).Result(ctx)
	require.ErrorContains(t, err, "decode input of echo")
	// And a client that cannot decode the output reports it too.
	wrongOut := remote.NewFunc[string, int]("echo")
	_, err = remote.Submit(ctx, f.client, wrongOut, "x").Result(ctx)
	require.ErrorContains(t, err, "decode output of echo")
}

func TestTaskTimeout(t *testing.T) {
	f := newFixture(t, remote.TaskTimeout(50*time.Millisecond))
	f.startWorker()
	ctx := testCtx(t)
	_, err := remote.Submit(ctx, f.client, Block, "slow").Result(ctx)
	require.ErrorIs(t, err, remote.ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded, "a timeout is a deadline, as for local tasks")
	require.ErrorIs(t, recv(t, f.ended), context.DeadlineExceeded)
}

func TestWorkerTaskTimeout(t *testing.T) {
	f := newFixture(t)
	f.startWorker(remote.TaskTimeout(50 * time.Millisecond))
	ctx := testCtx(t)
	_, err := remote.Submit(ctx, f.client, Block, "slow").Result(ctx)
	require.ErrorIs(t, err, remote.ErrTimeout)
}

func TestCancelRunning(t *testing.T) {
	f := newFixture(t)
	w := f.startWorker()
	ctx := testCtx(t)
	fut := remote.Submit(ctx, f.client, Block, "running")
	require.Equal(t, "running", recv(t, f.started))
	require.True(t, fut.Cancel())
	require.True(t, fut.Cancelled())
	_, err := fut.Result(ctx)
	require.ErrorIs(t, err, future.ErrCancelled)
	require.ErrorIs(t, recv(t, f.ended), context.Canceled, "the running function sees its context cancelled")
	require.Eventually(t, func() bool { return w.Stats().Cancelled == 1 }, 10*time.Second, 5*time.Millisecond)
	require.Zero(t, f.client.Stats().Pending)
}

func TestCancelQueued(t *testing.T) {
	f := newFixture(t)
	w := f.newWorker(remote.Concurrency(1))
	ctx := testCtx(t)
	queued := remote.Submit(ctx, f.client, Echo, "never")
	require.True(t, queued.Cancel())
	after := remote.Submit(ctx, f.client, Echo, "after")
	f.run(w) // the worker starts only now: both tasks were queued
	v, err := after.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "after", v)
	require.Zero(t, f.ran("never"), "a cancelled queued task never runs")
	require.Equal(t, int64(1), w.Stats().Cancelled)
	_, err = queued.Result(ctx)
	require.ErrorIs(t, err, context.Canceled)
}

func TestContextCancel(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx, cancel := context.WithCancel(testCtx(t))
	fut := remote.Submit(ctx, f.client, Block, "ctx")
	require.Equal(t, "ctx", recv(t, f.started))
	cancel()
	_, err := fut.Result(testCtx(t))
	require.ErrorIs(t, err, future.ErrCancelled, "ctx's cancellation cancels the task, as for a local one")
	require.ErrorIs(t, recv(t, f.ended), context.Canceled)

	// An already-ended ctx sends nothing.
	fut = remote.Submit(ctx, f.client, Echo, "dead")
	require.True(t, fut.Cancelled())
	require.Zero(t, f.client.Stats().Pending)
}

func TestDeadline(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx, cancel := context.WithTimeout(testCtx(t), 200*time.Millisecond)
	defer cancel()
	fut := remote.Submit(ctx, f.client, Block, "deadline")
	require.Equal(t, "deadline", recv(t, f.started))
	_, err := fut.Result(testCtx(t))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.False(t, fut.Cancelled())
	// The function's context ends at the deadline: by its own deadline or by
	// the client's cancellation, which races it.
	require.Error(t, recv(t, f.ended))

	// The function's context carries the deadline.
	ctx, cancel = context.WithTimeout(testCtx(t), time.Hour)
	defer cancel()
	want, _ := ctx.Deadline()
	got, err := remote.Submit(ctx, f.client, Deadline, struct{}{}).Result(ctx)
	require.NoError(t, err)
	require.True(t, want.Equal(got), "deadline %v, want %v", got, want)
}

func TestResultWaitDoesNotSpoil(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	fut := remote.Submit(testCtx(t), f.client, Block, "wait")
	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := fut.Result(short)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.False(t, fut.IsDone(), "a Result deadline leaves the task alone")
	f.open("wait")
	v, err := fut.Result(testCtx(t))
	require.NoError(t, err)
	require.Equal(t, "wait", v)
}

func TestClose(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx := testCtx(t)
	c, err := remote.NewClient(f.nc)
	require.NoError(t, err)
	fut := remote.Submit(ctx, c, Block, "closing")
	require.Equal(t, "closing", recv(t, f.started))
	require.NoError(t, c.Close())
	_, err = fut.Result(ctx)
	require.ErrorIs(t, err, remote.ErrClosed)
	require.ErrorIs(t, recv(t, f.ended), context.Canceled, "Close cancels the remote task")
	_, err = remote.Submit(ctx, c, Echo, "late").Result(ctx)
	require.ErrorIs(t, err, remote.ErrClosed)
	require.NoError(t, c.Close(), "Close is idempotent")
}

func TestNewErrors(t *testing.T) {
	_, err := remote.NewClient(nil)
	require.Error(t, err)
	_, err = remote.NewWorker(nil, remote.NewRegistry())
	require.Error(t, err)
	f := newFixture(t)
	_, err = remote.NewWorker(f.nc, nil)
	require.Error(t, err)
	w := f.newWorker()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.NoError(t, w.Run(ctx), "Run with an ended ctx drains nothing and returns nil")
	require.Error(t, w.Run(context.Background()), "a worker runs once")
}

func TestRegisterPanics(t *testing.T) {
	r := remote.NewRegistry()
	fn := func(context.Context, int) (int, error) { return 0, nil }
	require.Panics(t, func() { remote.Register(r, remote.NewFunc[int, int](""), fn) })
	require.Panics(t, func() { remote.Register(r, remote.NewFunc[int, int]("x"), nil) })
	remote.Register(r, remote.NewFunc[int, int]("x"), fn)
	require.Panics(t, func() { remote.Register(r, remote.NewFunc[int, int]("x"), fn) })
	require.Equal(t, []string{"x"}, r.Names())
}
