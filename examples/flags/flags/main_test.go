package main

import (
	"bytes"
	"context"
	"fmt"
	"image/gif"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tulipgo/tulip/examples/flags/download"
	"github.com/tulipgo/tulip/examples/flags/site"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

type result struct {
	code        int
	out, errOut string
	files       []string
}

// runFlags runs the command against the embedded site on an in-memory
// listener (so it can run in a synctest bubble).
func runFlags(ctx context.Context, t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	l := site.NewPipeListener()
	dir := t.TempDir()
	code := run(ctx, args, download.Env{Stdout: &out, Stderr: &errOut, Dir: dir,
		Listen: func() (net.Listener, error) { return l, nil }, Dial: l.DialContext,
		SiteOptions: []site.Option{site.WithSeed(1)}})
	return result{code, out.String(), errOut.String(), savedFiles(t, filepath.Join(dir, "downloaded"))}
}

// savedFiles lists the flags saved, checking each is a whole GIF and no
// temporary file is left.
func savedFiles(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		f, err := os.Open(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		_, err = gif.Decode(f)
		f.Close()
		require.NoError(t, err, e.Name())
		names = append(names, strings.TrimSuffix(e.Name(), ".gif"))
	}
	return names
}

var pop20 = sorted(download.POP20())

func TestSequential(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runFlags(context.Background(), t)
		require.Equal(t, 0, r.code, r.errOut)
		require.Equal(t, "BD BR CD CN DE EG ET FR ID IN IR JP MX NG PH PK RU TR US VN \n20 downloads in 0.00s\n", r.out)
		require.Equal(t, pop20, r.files)

		r = runFlags(context.Background(), t, "-s", "DELAY")
		require.Equal(t, "BD BR CD CN DE EG ET FR ID IN IR JP MX NG PH PK RU TR US VN \n20 downloads in 10.00s\n", r.out)
	})
}

// TestConcurrent: map, gather and submit against DELAY take the time of
// their rounds of 0.5 s, and print every code once.
func TestConcurrent(t *testing.T) {
	workers := min(32, runtime.GOMAXPROCS(0)+4) // the executor's default
	for _, tc := range []struct {
		strategy string
		elapsed  time.Duration
		n        int
	}{
		{"map", time.Duration((20+workers-1)/workers) * 500 * time.Millisecond, 20},
		{"gather", 500 * time.Millisecond, 20},
		{"submit", time.Second, 5},
	} {
		t.Run(tc.strategy, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := runFlags(context.Background(), t, "-s", "DELAY", "-strategy", tc.strategy)
				require.Equal(t, 0, r.code, r.errOut)
				require.True(t, strings.HasSuffix(r.out, fmt.Sprintf("\n%d downloads in %.2fs\n", tc.n, tc.elapsed.Seconds())), r.out)
				require.Len(t, r.files, tc.n)
				codes := regexp.MustCompile(`\b[A-Z]{2}\b `).FindAllString(stripFutures(r.out), -1)
				require.Len(t, codes, tc.n, r.out)
			})
		})
	}
}

// stripFutures removes the submit version's Scheduled and result parts,
// leaving the codes download_one printed.
func stripFutures(out string) string {
	out = regexp.MustCompile(`Scheduled for [A-Z]{2}: <[^>]*>\n`).ReplaceAllString(out, "")
	return regexp.MustCompile(`<[^>]*> result: '[A-Z]{2}'\n`).ReplaceAllString(out, "")
}

func TestSubmitLines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runFlags(context.Background(), t, "-strategy", "submit", "-s", "DELAY")
		require.Equal(t, 0, r.code, r.errOut)
		// Each is pending or already running, as the workers take them.
		require.Regexp(t, `^Scheduled for BR: <Task (pending|running)>\nScheduled for CN: <Task (pending|running)>\n`+
			`Scheduled for ID: <Task (pending|running)>\nScheduled for IN: <Task pending>\nScheduled for US: <Task pending>\n`, r.out)
		results := regexp.MustCompile(`<Task finished result=([A-Z]{2})> result: '([A-Z]{2})'`).FindAllStringSubmatch(r.out, -1)
		require.Len(t, results, 5, r.out)
		var got []string
		for _, m := range results {
			require.Equal(t, m[1], m[2])
			got = append(got, m[1])
		}
		slices.Sort(got)
		require.Equal(t, []string{"BR", "CN", "ID", "IN", "US"}, got)
	})
}

// TestError: like the book's scripts, the first failure stops the run; what
// is saved is whole, what was in flight is cancelled.
func TestError(t *testing.T) {
	for _, strategy := range []string{"sequential", "map", "gather", "submit"} {
		t.Run(strategy, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := runFlags(context.Background(), t, "-s", "ERROR", "-strategy", strategy)
				require.Equal(t, 1, r.code, r.out)
				require.Regexp(t, `^flags: [A-Z]{2}: (HTTP error 418 - I'm a Teapot|context canceled)\n$`, r.errOut)
				require.Less(t, len(r.files), 20)
			})
		})
	}
}

func TestInterrupt(t *testing.T) {
	for _, strategy := range []string{"sequential", "map", "gather", "submit"} {
		t.Run(strategy, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				time.AfterFunc(300*time.Millisecond, cancel)
				r := runFlags(ctx, t, "-s", "DELAY", "-strategy", strategy)
				require.Equal(t, 130, r.code, r.out)
				require.Equal(t, "flags: interrupted\n", r.errOut)
			})
		})
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-strategy", "threads"}, {"-s", "REMOTE"}, {"extra"}, {"-bogus"},
		{"-u", "not a url"}, {"-u", "ftp://127.0.0.1/flags"}, {"-u", "http://[::1"}, {"-u", "http:///flags"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(context.Background(), args, download.Env{Stdout: &out, Stderr: &errOut}), args)
		require.Contains(t, errOut.String(), "usage: flags", args)
	}
}

// TestLoopback runs it once over real loopback sockets.
func TestLoopback(t *testing.T) {
	var out, errOut bytes.Buffer
	dir := t.TempDir()
	require.Equal(t, 0, run(context.Background(), []string{"-strategy", "gather"}, download.Env{Stdout: &out, Stderr: &errOut, Dir: dir}))
	require.Contains(t, out.String(), "\n20 downloads in ")
	require.Equal(t, pop20, savedFiles(t, filepath.Join(dir, "downloaded")))
}
