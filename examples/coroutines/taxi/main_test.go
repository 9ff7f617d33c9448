package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/coroutines/pyrandom"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func runTaxi(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// Byte for byte the book's runs: the sample at the end of taxi_sim.py and the
// doctest main(num_taxis=2, seed=10) (testdata/book_*.txt, copied from the
// book's output).
func TestBookRuns(t *testing.T) {
	for golden, args := range map[string][]string{
		"testdata/book_s3_e120.txt": {"-s", "3", "-e", "120"},
		"testdata/book_t2_s10.txt":  {"-t", "2", "-s", "10"},
	} {
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		code, out, errOut := runTaxi(t, args...)
		require.Equal(t, 0, code, errOut)
		require.Equal(t, string(want), out, "taxi %v", args)
		require.Empty(t, errOut)
	}
}

func TestLongFlags(t *testing.T) {
	want, err := os.ReadFile("testdata/book_s3_e120.txt")
	require.NoError(t, err)
	code, out, _ := runTaxi(t, "--seed", "3", "--end-time=120", "--taxis", "3")
	require.Equal(t, 0, code)
	require.Equal(t, string(want), out)
}

// Cut by the end time: the event that crosses it is still printed, then the
// count of events left in the queue (one per taxi still running).
func TestEndOfSimulationTime(t *testing.T) {
	code, out, _ := runTaxi(t, "-s", "3", "-e", "50")
	require.Equal(t, 0, code)
	want, err := os.ReadFile("testdata/book_s3_e120.txt")
	require.NoError(t, err)
	lines := bytes.SplitAfter(want, []byte("\n"))
	// The book's run up to and including the first event at or after 50 (time=55).
	prefix := bytes.Join(lines[:16], nil)
	require.Equal(t, string(prefix)+"*** end of simulation time: 3 events pending ***\n", out)
}

func TestNoTaxisAndZeroTime(t *testing.T) {
	_, out, _ := runTaxi(t, "-t", "0", "-s", "1")
	require.Equal(t, "*** end of events ***\n", out)
	_, out, _ = runTaxi(t, "-e", "0", "-s", "1")
	require.Equal(t, "*** end of simulation time: 3 events pending ***\n", out, "primed, nothing popped")
}

func TestRandomSeedRuns(t *testing.T) {
	code, out, _ := runTaxi(t)
	require.Equal(t, 0, code)
	require.Contains(t, out, "*** end of")
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-s", "x"}, {"-t", "-1"}, {"-t", "1000000"}, {"-e", "-3"}, {"extra"}, {"-x"}, {"-e"},
	} {
		code, out, errOut := runTaxi(t, args...)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, out)
		require.NotEmpty(t, errOut)
	}
	code, _, errOut := runTaxi(t, "-h")
	require.Equal(t, 0, code)
	require.Contains(t, errOut, "usage: taxi")
}

// Invariants over many seeds, taxi counts and end times: each taxi's events
// are in time order and follow leave garage, (pick up, drop off) × (i+1)·2,
// going home (a prefix of that when the end time cut the run); the clock
// never goes back; a run ends by events only when every taxi went home, and
// by time only after an event at or past the end time.
func TestInvariantsManySeeds(t *testing.T) {
	for seed := range int64(400) {
		numTaxis := int(seed%7) + 1
		endTime := []int{30, 90, 180, 1000}[seed%4]
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			taxis := map[int]*Taxi{}
			for i := range numTaxis {
				taxis[i] = NewTaxi(i, (i+1)*2, i*departureInterval)
			}
			var events []Event
			outcome, err := NewSimulator(taxis, pyrandom.New(seed)).Run(endTime, func(e Event) {
				events = append(events, e)
			})
			require.NoError(t, err)
			for i := 1; i < len(events); i++ {
				require.LessOrEqual(t, events[i-1].Time, events[i].Time, "clock went back")
			}
			byTaxi := map[int][]Event{}
			for _, e := range events {
				byTaxi[e.Proc] = append(byTaxi[e.Proc], e)
			}
			home := 0
			for i := range numTaxis {
				want := []string{LeaveGarage}
				for range (i + 1) * 2 {
					want = append(want, PickUp, DropOff)
				}
				want = append(want, GoingHome)
				evs := byTaxi[i]
				got := []string{}
				for j, e := range evs {
					got = append(got, e.Action)
					if j > 0 {
						require.Less(t, evs[j-1].Time, e.Time, "taxi %d: durations are at least 1", i)
					}
				}
				require.Equal(t, want[:len(got)], got, "taxi %d", i)
				if len(got) > 0 {
					require.Equal(t, i*departureInterval, evs[0].Time)
				}
				if slices.Equal(got, want) {
					home++
				}
			}
			last := events[len(events)-1]
			if outcome.EndOfEvents {
				require.Equal(t, numTaxis, home, "every taxi went home")
				require.Less(t, last.Time, endTime)
			} else {
				require.GreaterOrEqual(t, last.Time, endTime)
				for _, e := range events[:len(events)-1] {
					require.Less(t, e.Time, endTime)
				}
				require.Equal(t, numTaxis-home, outcome.Pending, "one pending event per taxi not home")
			}
		})
	}
}

// The module docstring's session: driving a taxi by hand.
func ExampleNewTaxi() {
	taxi := NewTaxi(13, 2, 0)
	defer taxi.Close()
	ev, _ := taxi.Next()
	fmt.Println(ev)
	for _, d := range []int{7, 23, 5, 48, 1} {
		ev, _ = taxi.Send(ev.Time + d)
		fmt.Println(ev)
	}
	_, err := taxi.Send(ev.Time + 10)
	fmt.Println(err)
	// Output:
	// Event(time=0, proc=13, action='leave garage')
	// Event(time=7, proc=13, action='pick up passenger')
	// Event(time=30, proc=13, action='drop off passenger')
	// Event(time=35, proc=13, action='pick up passenger')
	// Event(time=83, proc=13, action='drop off passenger')
	// Event(time=84, proc=13, action='going home')
	// coroutines: coroutine stopped
}

func BenchmarkBookRun(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		if err := simulate(context.Background(), &out, 120, 3, 3); err != nil {
			b.Fatal(err)
		}
	}
}
