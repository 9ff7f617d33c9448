package remote_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
	"github.com/tulipgo/tulip/remote"
)

func TestAsCompletedOrder(t *testing.T) {
	f := newFixture(t)
	f.startWorker(remote.Concurrency(3))
	ctx := testCtx(t)
	names := []string{"a", "b", "c"}
	fs := make([]*future.Future[string], len(names))
	for i, n := range names {
		fs[i] = remote.Submit(ctx, f.client, Block, n)
	}
	for range names {
		recv(t, f.started)
	}
	order := []string{"b", "c", "a"}
	f.open(order[0])
	i := 0
	for fut, err := range ascompleted.Of(ctx, fs...) {
		require.NoError(t, err)
		v, err := fut.Result(ctx)
		require.NoError(t, err)
		require.Equal(t, order[i], v, "yielded in completion order")
		require.Same(t, fs[slices.Index(names, v)], fut, "the original futures")
		i++
		if i < len(order) {
			f.open(order[i])
		}
	}
	require.Equal(t, len(order), i)
}

func TestFeedAddDuringIteration(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx := testCtx(t)
	feed := ascompleted.NewFeed(remote.Submit(ctx, f.client, Square, 2))
	var got []int
	for fut, err := range feed.All(ctx) {
		require.NoError(t, err)
		v, err := fut.Result(ctx)
		require.NoError(t, err)
		got = append(got, v)
		if v < 1000 { // a crawler: each result feeds the next task
			require.NoError(t, feed.Add(remote.Submit(ctx, f.client, Square, v)))
		}
		if feed.Pending() == 0 {
			feed.Close()
		}
	}
	require.Equal(t, []int{4, 16, 256, 65536}, got)
}

func TestMap(t *testing.T) {
	f := newFixture(t)
	f.startWorker(remote.Concurrency(4))
	ctx := testCtx(t)
	in := []int{1, 2, -3, 4, 5, 6, 7, 8, 9, 10}
	var got []int
	var errs []string
	for v, err := range remote.Map(ctx, f.client, Square, slices.Values(in), remote.Window(3)) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		got = append(got, v)
	}
	require.Equal(t, []int{1, 4, 16, 25, 36, 49, 64, 81, 100}, got, "in input order, past the error")
	require.Equal(t, []string{"negative: -3"}, errs)
}

func TestMapBreakCancels(t *testing.T) {
	f := newFixture(t)
	f.startWorker(remote.Concurrency(4))
	ctx := testCtx(t)
	names := []string{"m0", "m1", "m2", "m3"}
	f.open("m0")
	for v, err := range remote.Map(ctx, f.client, Block, slices.Values(names), remote.Window(4)) {
		require.NoError(t, err)
		for range names { // all four are running
			recv(t, f.started)
		}
		require.Equal(t, "m0", v)
		break
	}
	require.Zero(t, f.client.Stats().Pending, "breaking the loop cancels what is in flight")
	// The running ones see their contexts cancelled.
	for range 3 {
		require.ErrorIs(t, recv(t, f.ended), context.Canceled)
	}
}

func TestMapContextEnds(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx, cancel := context.WithTimeout(testCtx(t), 100*time.Millisecond)
	defer cancel()
	var errs []error
	for _, err := range remote.Map(ctx, f.client, Block, slices.Values([]string{"x", "y"})) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], context.DeadlineExceeded)
}

func TestInfo(t *testing.T) {
	f := newFixture(t)
	f.startWorker()
	ctx := testCtx(t)
	fut := remote.Submit(ctx, f.client, Whoami, struct{}{})
	info, err := fut.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "whoami", info.Func)
	require.Equal(t, 1, info.Attempt)
	require.NotEmpty(t, info.ID)
	_, ok := remote.Info(ctx)
	require.False(t, ok)
}

func TestDrainFinishesRunningTasks(t *testing.T) {
	f := newFixture(t)
	w := f.newWorker()
	stop := f.run(w)
	ctx := testCtx(t)
	fut := remote.Submit(ctx, f.client, Block, "drain")
	recv(t, f.started)
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	select {
	case <-stopped:
		t.Fatal("Run returned with a task running")
	case <-time.After(50 * time.Millisecond):
	}
	f.open("drain")
	v, err := fut.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "drain", v, "a draining worker finishes its tasks and publishes their results")
	<-stopped
}

func TestDrainTimeoutHandsBack(t *testing.T) {
	f := newFixture(t)
	w1 := f.newWorker(remote.DrainTimeout(50*time.Millisecond), remote.AckWait(time.Second))
	stop1 := f.run(w1)
	ctx := testCtx(t)
	fut := remote.Submit(ctx, f.client, Block, "handed")
	recv(t, f.started)
	stop1() // the task is cancelled after 50 ms and handed back
	require.ErrorIs(t, recv(t, f.ended), context.Canceled)
	require.False(t, fut.IsDone(), "a task handed back is not done")
	require.Equal(t, int64(1), w1.Stats().HandedBack)

	f.open("handed")
	w2 := f.startWorker()
	v, err := fut.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "handed", v, "another worker ran it")
	require.Equal(t, int64(1), w2.Stats().Redelivered)
}

func TestDuplicateTaskIDRunsOnce(t *testing.T) {
	f := newFixture(t)
	js, err := jetstream.New(f.nc)
	require.NoError(t, err)
	ctx := testCtx(t)
	for i := range 2 {
		msg := nats.NewMsg("tulip.tasks")
		msg.Header.Set("Tulip-Func", "echo")
		msg.Header.Set("Tulip-Reply", "tulip.results.nobody.dup")
		msg.Data = []byte(`"dup"`)
		ack, err := js.PublishMsg(ctx, msg, jetstream.WithMsgID("dup"))
		require.NoError(t, err)
		require.Equal(t, i == 1, ack.Duplicate, "the second publish is a duplicate")
	}
	w := f.startWorker(remote.Concurrency(1))
	v, err := remote.Submit(ctx, f.client, Echo, "marker").Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "marker", v)
	require.Equal(t, 1, f.ran("dup"), "a task id is stored and run once")
	require.Equal(t, int64(2), w.Stats().Received)
}

func TestSubmitMany(t *testing.T) {
	f := newFixture(t)
	f.startWorker(remote.Concurrency(4))
	ctx := testCtx(t)
	var fs []*future.Future[int]
	for i := range 200 {
		fs = append(fs, remote.Submit(ctx, f.client, Square, i))
	}
	res := 0
	for fut, err := range ascompleted.Of(ctx, fs...) {
		require.NoError(t, err)
		_, err := fut.Result(ctx)
		require.NoError(t, err)
		res++
	}
	require.Equal(t, 200, res)
	require.Equal(t, 200, int(f.client.Stats().Completed))
}
