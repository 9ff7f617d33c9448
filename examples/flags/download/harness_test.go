package download

import (
	"bytes"
	"context"
	"fmt"
	"image/gif"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/flags/site"
)

// testSeed makes the ERROR site's answers the same on every run.
const testSeed = 42

var flags2 = Command{Name: "flags2", Strategy: Tasks, Job: func(d *Downloader) Job { return d.Flag }}
var flags3 = Command{Name: "flags3", Strategy: Tasks, Job: func(d *Downloader) Job { return d.FlagWithCountry }}

// run is one run of a command: what it printed, its exit status, and the
// directory it saved into.
type run struct {
	code        int
	out, errOut string
	dir         string
}

// pipeEnv serves the embedded site on an in-memory listener, so the run
// can live in a synctest bubble.
func pipeEnv(t *testing.T) Env {
	l := site.NewPipeListener()
	return Env{
		Dir:         t.TempDir(),
		Listen:      func() (net.Listener, error) { return l, nil },
		Dial:        l.DialContext,
		SiteOptions: []site.Option{site.WithSeed(testSeed)},
	}
}

func runMain(ctx context.Context, t *testing.T, cmd Command, env Env, args ...string) run {
	t.Helper()
	var out, errOut bytes.Buffer
	env.Stdout, env.Stderr = &out, &errOut
	if env.Dir == "" {
		env.Dir = t.TempDir()
	}
	code := Main(ctx, cmd, args, env)
	return run{code: code, out: out.String(), errOut: errOut.String(), dir: filepath.Join(env.Dir, "downloaded")}
}

// files lists the saved files, checking that none is partial or temporary:
// each is a whole GIF.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		require.False(t, strings.HasPrefix(e.Name(), "."), "temp file left: %s", e.Name())
		f, err := os.Open(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		_, err = gif.Decode(f)
		f.Close()
		require.NoError(t, err, "partial file %s", e.Name())
		names = append(names, e.Name())
	}
	return names
}

// summary is the output's lines from the rule on.
func summary(out string) string {
	i := strings.Index(out, "--------------------\n")
	if i < 0 {
		return "(no summary)\n" + out
	}
	return out[i:]
}

func splitArgs(s string) []string { return strings.Fields(s) }

// downloaded is the count on the summary's "flags downloaded." line.
func downloaded(t *testing.T, out string) int {
	t.Helper()
	var n int
	for _, line := range strings.Split(out, "\n") {
		if strings.HasSuffix(line, " downloaded.") {
			_, err := fmt.Sscanf(strings.TrimSpace(line), "%d", &n)
			require.NoError(t, err)
			return n
		}
	}
	t.Fatalf("no downloaded line in %q", out)
	return 0
}

// pipeSite serves a LOCAL site on an in-memory listener and returns a
// client for it.
func pipeSite(t *testing.T, opts ...site.Option) (*site.Server, *http.Client) {
	t.Helper()
	return pipeSiteWith(t, site.Local(), opts...)
}

func pipeSiteWith(t *testing.T, b site.Behaviour, opts ...site.Option) (*site.Server, *http.Client) {
	t.Helper()
	s, err := site.New(b, opts...)
	require.NoError(t, err)
	l := site.NewPipeListener()
	srv := s.Start(l)
	client := NewClient(10, DefaultTimeout, l.DialContext)
	t.Cleanup(func() {
		client.CloseIdleConnections()
		require.NoError(t, srv.Close())
	})
	return srv, client
}

func splitLines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }
