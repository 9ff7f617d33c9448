package pyrandom

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// pythonData is testdata/python.json, written by testdata/gen.py with
// CPython's random module.
type pythonData struct {
	Python string `json:"python"`
	Cases  []struct {
		Seed     int64    `json:"seed"`
		Bits32   []uint32 `json:"bits32"`
		Bits64   []uint64 `json:"bits64"`
		Floats   []string `json:"floats"` // float.hex()
		Late1000 uint32   `json:"late1000"`
		Expo5    []string `json:"expo5"`
	} `json:"cases"`
	Durations [][]int `json:"durations"`
}

func loadPython(t *testing.T) pythonData {
	t.Helper()
	b, err := os.ReadFile("testdata/python.json")
	require.NoError(t, err)
	var d pythonData
	require.NoError(t, json.Unmarshal(b, &d))
	require.NotEmpty(t, d.Cases)
	return d
}

func hexFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return f
}

// Bit for bit what CPython gives for the same seeds: getrandbits(32) and
// (64), random() and a draw far past the first twist; expovariate to the
// last bit or so (Go's math.Log and the C library's may differ in the last
// ulp).
func TestSameAsCPython(t *testing.T) {
	d := loadPython(t)
	for _, c := range d.Cases {
		r := New(c.Seed)
		for i, want := range c.Bits32 {
			require.Equal(t, want, r.Uint32(), "seed %d, getrandbits(32) #%d", c.Seed, i)
		}
		r.Seed(c.Seed)
		for i, want := range c.Bits64 {
			require.Equal(t, want, r.Uint64(), "seed %d, getrandbits(64) #%d", c.Seed, i)
		}
		r.Seed(c.Seed)
		for i, want := range c.Floats {
			require.Equal(t, hexFloat(t, want), r.Float64(), "seed %d, random() #%d", c.Seed, i)
		}
		r.Seed(c.Seed)
		for range 1000 {
			r.Uint32()
		}
		require.Equal(t, c.Late1000, r.Uint32(), "seed %d, draw 1001", c.Seed)
		r.Seed(c.Seed)
		for i, want := range c.Expo5 {
			require.InEpsilon(t, hexFloat(t, want), r.ExpFloat64(1.0/5), 1e-15, "seed %d, expovariate #%d", c.Seed, i)
		}
	}
}

// The taxi simulation's durations, int(expovariate(1/m)) + 1, for 300 seeds:
// the truncation makes them exact even if log differed in the last bit.
func TestDurationsAsCPython(t *testing.T) {
	d := loadPython(t)
	require.Len(t, d.Durations, 300)
	for seed, want := range d.Durations {
		r := New(int64(seed))
		got := make([]int, 0, len(want))
		for i := range want {
			mean := []float64{5, 20, 1}[i%3]
			got = append(got, int(r.ExpFloat64(1/mean))+1)
		}
		require.Equal(t, want, got, "seed %d", seed)
	}
}

func TestSeedSignIgnored(t *testing.T) {
	a, b := New(42), New(-42)
	for range 10 {
		require.Equal(t, a.Uint32(), b.Uint32())
	}
}

func TestFloat64Range(t *testing.T) {
	r := New(1)
	for range 10000 {
		f := r.Float64()
		require.GreaterOrEqual(t, f, 0.0)
		require.Less(t, f, 1.0)
	}
}

// *Rand is a math/rand/v2 Source.
func TestIsSource(t *testing.T) {
	var _ rand.Source = New(0)
	g := rand.New(New(7))
	require.Less(t, g.IntN(10), 10)
}

func BenchmarkFloat64(b *testing.B) {
	r := New(3)
	b.ReportAllocs()
	var sink float64
	for b.Loop() {
		sink += r.Float64()
	}
	_ = sink
}
