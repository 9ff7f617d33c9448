package remote_test

import (
	"bytes"
	"encoding/gob"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/remote"
)

// gobCodec is a non-default codec for the test.
type gobCodec struct{}

func (gobCodec) Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

func (gobCodec) Unmarshal(data []byte, v any) error {
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
}

func TestCodecOption(t *testing.T) {
	f := newFixture(t, remote.WithCodec(gobCodec{}))
	f.startWorker(remote.WithCodec(gobCodec{}))
	ctx := testCtx(t)
	v, err := remote.Submit(ctx, f.client, Square, 12).Result(ctx)
	require.NoError(t, err)
	require.Equal(t, 144, v)
}

func TestSeparatePools(t *testing.T) {
	f := newFixture(t) // pool one: the defaults
	opts := []remote.Option{remote.SubjectPrefix("other"), remote.StreamNames("O_TASKS", "O_RESULTS", "O_CANCELS")}
	var copts []remote.ClientOption
	var wopts []remote.WorkerOption
	for _, o := range opts {
		copts = append(copts, o)
		wopts = append(wopts, o)
	}
	other, err := remote.NewClient(f.nc, copts...)
	require.NoError(t, err)
	defer other.Close()
	ctx := testCtx(t)
	queued := remote.Submit(ctx, other, Echo, "other pool")
	w := f.startWorker() // serves pool one only
	v, err := remote.Submit(ctx, f.client, Echo, "pool one").Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "pool one", v)
	require.False(t, queued.IsDone(), "pool one's worker does not take the other pool's tasks")
	require.Equal(t, int64(1), w.Stats().Received)

	f.startWorker(append(wopts, remote.ConsumerName("other-workers"))...)
	v, err = queued.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, "other pool", v)
}

func TestMaxDeliver(t *testing.T) {
	f := newFixture(t)
	w1 := f.newWorker(remote.DrainTimeout(time.Millisecond))
	stop1 := f.run(w1)
	ctx := testCtx(t)
	fut := remote.Submit(ctx, f.client, Block, "poison")
	recv(t, f.started)
	stop1() // handed back: its first delivery is used up
	recv(t, f.ended)
	f.startWorker(remote.MaxDeliver(1))
	_, err := fut.Result(ctx)
	require.ErrorIs(t, err, remote.ErrTooManyDeliveries)
	require.Equal(t, 1, f.ran("poison"), "given up without running again")
}

func TestHeartbeatsKeepLongTasks(t *testing.T) {
	f := newFixture(t)
	registerNap(f.reg, f.nc)
	w := f.startWorker(remote.AckWait(300 * time.Millisecond))
	ctx := testCtx(t)
	r, err := remote.Submit(ctx, f.client, Nap, 1200).Result(ctx) // four ack waits
	require.NoError(t, err)
	require.Equal(t, 1, r.Attempt, "in-progress heartbeats keep a long task from redelivery")
	require.Zero(t, w.Stats().Redelivered)
	require.Zero(t, f.client.Stats().Ignored, "no duplicate result")
}

func TestShortRetention(t *testing.T) {
	// The de-duplication window may not exceed the streams' age limit.
	f := newFixture(t, remote.Retention(30*time.Second))
	f.startWorker(remote.Retention(30 * time.Second))
	ctx := testCtx(t)
	v, err := remote.Submit(ctx, f.client, Square, 3).Result(ctx)
	require.NoError(t, err)
	require.Equal(t, 9, v)
}

func TestBadConfigFailsFast(t *testing.T) {
	f := newFixture(t)
	start := time.Now()
	// The streams exist with work-queue retention for tasks; asking for a
	// conflicting stream on the same subjects is refused at once.
	_, err := remote.NewClient(f.nc, remote.StreamNames("OTHER_TASKS", "", ""), remote.SetupTimeout(time.Minute))
	require.ErrorContains(t, err, "OTHER_TASKS")
	require.Less(t, time.Since(start), 30*time.Second, "a refused config is not retried until SetupTimeout")
}
