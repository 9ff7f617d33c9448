package primes

import (
	"context"
	"math/big"
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/future"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Small and medium numbers against math/big's test (exact below 2⁶⁴).
func TestIsPrimeAgainstBig(t *testing.T) {
	ctx := context.Background()
	check := func(n uint64) {
		got, err := IsPrime(ctx, n)
		require.NoError(t, err)
		require.Equal(t, new(big.Int).SetUint64(n).ProbablyPrime(0), got, "%d", n)
	}
	for n := range uint64(5000) {
		check(n)
	}
	for _, n := range []uint64{1_000_003, 1_000_033, 999_999_999_989, 999_999_999_999, 1_000_003 * 1_000_033, 49, 121, 10403} {
		check(n)
	}
}

func TestIsqrt(t *testing.T) {
	for _, n := range []uint64{0, 1, 2, 3, 4, 15, 16, 17, 1<<52 + 1, 1<<63 - 1, 1<<64 - 1, 9999999999999999} {
		r := isqrt(n)
		require.LessOrEqual(t, r, n/max(r, 1), "%d", n)
		require.True(t, (r+1) > n/(r+1), "%d", n)
	}
}

// The whole fixture takes seconds: only with TULIP_STRESS=1.
func TestFixture(t *testing.T) {
	if os.Getenv("TULIP_STRESS") == "" {
		t.Skip("the 20 large numbers take seconds; set TULIP_STRESS=1")
	}
	for _, f := range Fixture {
		got, err := IsPrime(context.Background(), f.N)
		require.NoError(t, err)
		require.Equal(t, f.Prime, got, "%d", f.N)
	}
}

func TestIsPrimeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := IsPrime(ctx, 9999999999999917)
	require.ErrorIs(t, err, context.Canceled)
}

// quick are small numbers, fast to check, with their verdicts.
var quick = []uint64{2, 1_000_003, 1_000_004, 999_999_999_989, 15, 1_000_033}

func verdicts(rs []Result) map[uint64]bool {
	m := map[uint64]bool{}
	for _, r := range rs {
		m[r.N] = r.Prime
	}
	return m
}

var quickWant = map[uint64]bool{2: true, 1_000_003: true, 1_000_004: false, 999_999_999_989: true, 15: false, 1_000_033: true}

func collect(t *testing.T, seq func(func(Result, error) bool)) []Result {
	var rs []Result
	for r, err := range seq {
		require.NoError(t, err)
		rs = append(rs, r)
	}
	return rs
}

func TestSequentialInOrder(t *testing.T) {
	rs := collect(t, Sequential(context.Background(), quick))
	var ns []uint64
	for _, r := range rs {
		ns = append(ns, r.N)
	}
	require.Equal(t, quick, ns)
	require.Equal(t, quickWant, verdicts(rs))
}

func TestGoroutinesEveryNumberOnce(t *testing.T) {
	for _, w := range []int{0, 1, 2, 7} {
		rs := collect(t, Goroutines(context.Background(), quick, w))
		require.Len(t, rs, len(quick))
		require.Equal(t, quickWant, verdicts(rs))
	}
}

func TestExecutorInOrder(t *testing.T) {
	ex := future.NewExecutor(runtime.NumCPU())
	defer ex.Close()
	rs := collect(t, WithExecutor(context.Background(), ex, quick))
	ns := make([]uint64, 0, len(rs))
	for _, r := range rs {
		ns = append(ns, r.N)
	}
	require.Equal(t, quick, ns)
	require.Equal(t, quickWant, verdicts(rs))
}

// Leaving early or cancelling stops the long checks and leaves nothing
// running (goleak).
func TestStopEarly(t *testing.T) {
	long := []uint64{2, 9999999999999917, 7777777777777753, 6666666666666719}
	ctx := context.Background()
	for r := range Goroutines(ctx, long, 2) {
		require.Equal(t, uint64(2), r.N)
		break
	}
	ex := future.NewExecutor(2)
	defer ex.Close()
	for r := range WithExecutor(ctx, ex, long) {
		require.Equal(t, uint64(2), r.N)
		break
	}
	for r := range Sequential(ctx, long) {
		require.Equal(t, uint64(2), r.N)
		break
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	var errs int
	for _, err := range Goroutines(cctx, long, 2) {
		if err != nil {
			errs++
			require.ErrorIs(t, err, context.Canceled)
		}
	}
	require.LessOrEqual(t, errs, 1)
}

func TestNumbers(t *testing.T) {
	ns := Numbers()
	require.Len(t, ns, 20)
	require.True(t, slices.Contains(ns, 9999999999999917))
	ns[0] = 7
	require.Equal(t, uint64(2), Numbers()[0], "a copy")
}

// Numbers per second, sequential vs goroutines vs executor, on the primes
// of the fixture's lower range (each about 6 million divisions).
var benchNumbers = []uint64{142702110479723, 142702110479723, 142702110479723, 142702110479723}

func benchSeq(b *testing.B, seq func() func(func(Result, error) bool)) {
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range seq() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchNumbers)), "ns/number")
}

func BenchmarkSequential(b *testing.B) {
	benchSeq(b, func() func(func(Result, error) bool) { return Sequential(context.Background(), benchNumbers) })
}

func BenchmarkGoroutines(b *testing.B) {
	benchSeq(b, func() func(func(Result, error) bool) {
		return Goroutines(context.Background(), benchNumbers, runtime.GOMAXPROCS(0))
	})
}

func BenchmarkExecutor(b *testing.B) {
	ex := future.NewExecutor(runtime.GOMAXPROCS(0))
	defer ex.Close()
	benchSeq(b, func() func(func(Result, error) bool) { return WithExecutor(context.Background(), ex, benchNumbers) })
}

// A parent context that ends while results are outstanding ends the loop
// with its error, even when the workers exit without sending theirs.
func TestGoroutinesParentCancelled(t *testing.T) {
	long := []uint64{9999999999999917, 7777777777777753, 6666666666666719}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 20 {
		var errs []error
		for r, err := range Goroutines(ctx, long, 2) {
			require.Zero(t, r)
			errs = append(errs, err)
		}
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], context.Canceled)
	}
}
