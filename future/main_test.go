package future

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine is left running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// stress reports whether the long stress runs are asked for (TULIP_STRESS=1,
// as .ci/run sets it); without it, stress tests run a bounded, quick share.
func stress() bool { return os.Getenv("TULIP_STRESS") != "" }

// requireSettled checks the gauges of an executor with nothing queued or
// running (want gives Workers and Idle) and that its counters add up.
func requireSettled(t testing.TB, ex *Executor, want ExecutorStats, msgAndArgs ...any) {
	t.Helper()
	st := ex.Stats()
	gauges := ExecutorStats{MaxWorkers: st.MaxWorkers, Workers: st.Workers, Idle: st.Idle, Running: st.Running, Queued: st.Queued}
	want.MaxWorkers = ex.MaxWorkers()
	require.Equal(t, want, gauges, msgAndArgs...)
	require.Equal(t, st.Submitted, st.Completed+st.Failed+st.Cancelled, "counters %+v", st)
}
