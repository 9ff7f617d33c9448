package main

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestResultRoundTrip(t *testing.T) {
	r := result{variant: "tulip", n: 1_000_000, finished: 999, wall: 3400 * time.Millisecond, started: 2 * time.Second, peak: 1 << 31, source: "VmHWM"}
	got, err := parseResult(r.String())
	require.NoError(t, err)
	require.Equal(t, r, got)
}

func TestParseResultBad(t *testing.T) {
	for _, line := range []string{
		"",
		"variant=bare",
		"result variant=bare",
		"result variant=bare n=x finished=1 wall=1s peak=1 source=VmHWM",
		"result variant=bare n=1 finished=1 wall=1 peak=1 source=VmHWM",
		"result variant=bare n=1 finished=1 wall=1s peak=-1 source=VmHWM",
		"result variant=bare n=1 finished=1 wall=1s started=0s peak=1 source=VmHWM extra=1",
		"result variant=bare n=1 finished=1 wall=1s peak=1 source",
	} {
		_, err := parseResult(line)
		require.Error(t, err, "%q", line)
	}
}

func FuzzParseResult(f *testing.F) {
	f.Add("result variant=bare n=10 finished=10 wall=1.5s started=1s peak=1024 source=VmHWM")
	f.Fuzz(func(t *testing.T, line string) {
		r, err := parseResult(line)
		if err != nil {
			return
		}
		if strings.ContainsAny(r.variant+r.source, " \t\n\r\v\f=") || r.variant == "" || r.source == "" {
			return // not a value String writes
		}
		again, err := parseResult(r.String())
		require.NoError(t, err)
		require.Equal(t, r, again)
	})
}

func TestParseVmHWM(t *testing.T) {
	status := "Name:\tmillion\nVmPeak:\t 2000000 kB\nVmHWM:\t  1617000 kB\nVmRSS:\t 12 kB\n"
	got, ok := parseVmHWM(bufio.NewScanner(strings.NewReader(status)))
	require.True(t, ok)
	require.Equal(t, uint64(1617000*1024), got)
	for _, bad := range []string{"", "VmRSS:\t12 kB\n", "VmHWM:\t12 MB\n", "VmHWM:\tx kB\n"} {
		_, ok := parseVmHWM(bufio.NewScanner(strings.NewReader(bad)))
		require.False(t, ok, "%q", bad)
	}
}

func TestPeakMeterMeasuresSomething(t *testing.T) {
	m := startPeakMeter()
	require.NotZero(t, m.stop())
}

func TestFormatting(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1_000_000: "1,000,000", -12345: "-12,345"} {
		require.Equal(t, want, thousands(n))
	}
	require.Equal(t, "1.5 MiB", bytesIEC(3<<19))
	require.Equal(t, "1.50 GiB", bytesIEC(3<<29))
}

func TestMedianResult(t *testing.T) {
	rs := []result{
		{variant: "bare", wall: 3 * time.Second, started: 1 * time.Second, peak: 10},
		{variant: "bare", wall: 1 * time.Second, started: 3 * time.Second, peak: 30},
		{variant: "bare", wall: 2 * time.Second, started: 2 * time.Second, peak: 20},
	}
	m := medianResult(rs)
	require.Equal(t, 2*time.Second, m.wall)
	require.Equal(t, 2*time.Second, m.started)
	require.Equal(t, uint64(20), m.peak)
	require.Equal(t, uint64(25), medianResult(rs[1:]).peak)
}
