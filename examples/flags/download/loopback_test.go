package download

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/flags/site"
)

// TestEveryLoopback is the book's -e run over real loopback sockets: 194
// found, 482 not found.
func TestEveryLoopback(t *testing.T) {
	r := runMain(context.Background(), t, flags2, Env{}, "-e", "-m", "100")
	require.Equal(t, 0, r.code, r.errOut)
	require.True(t, strings.HasPrefix(r.out, "LOCAL site: http://127.0.0.1:"), r.out)
	require.Contains(t, r.out, "\nSearching for 676 flags: from AA to ZZ\n100 concurrent connections will be used.\n"+
		"--------------------\n194 flags downloaded.\n482 not found.\nElapsed time: ")
	require.Len(t, files(t, r.dir), 194)
}

// TestURL: -u reaches any site with the book's layout, and redirects are
// followed.
func TestURL(t *testing.T) {
	s, err := site.New(site.Local())
	require.NoError(t, err)
	srv, err := s.Listen("127.0.0.1:0")
	require.NoError(t, err)
	defer srv.Close()
	moved := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+strings.TrimPrefix(r.URL.Path, "/old"), http.StatusMovedPermanently)
	}))
	defer moved.Close()
	defer moved.Client().CloseIdleConnections()

	r := runMain(context.Background(), t, flags3, Env{}, "-u", moved.URL+"/old/", "-v", "BR", "ZZ")
	require.Equal(t, 0, r.code, r.errOut)
	require.Equal(t, "URL site: "+moved.URL+"/old\nSearching for 2 flags: BR, ZZ\n2 concurrent connections will be used.\n", strings.Join(splitLines(r.out)[:3], "\n")+"\n")
	require.Contains(t, r.out, "ZZ not found: "+srv.URL+"/zz/zz.gif\n") // the URL that answered
	require.Equal(t, []string{"Brazil.gif"}, files(t, r.dir))
}

// TestProgressBar: on a terminal the bar is drawn on stderr and counts every
// flag; -v turns it off; stdout gets only the reports.
func TestProgressBar(t *testing.T) {
	env := Env{forceTTY: true}
	r := runMain(context.Background(), t, flags2, env, "-a", "-l", "30", "-m", "20")
	require.Equal(t, 0, r.code)
	require.Contains(t, r.errOut, "30/30")
	require.Contains(t, r.errOut, "100 %")
	require.NotContains(t, r.out, "\x1b")

	r = runMain(context.Background(), t, flags2, env, "-a", "-l", "30", "-m", "20", "-v")
	require.Equal(t, 0, r.code)
	require.Empty(t, r.errOut)
	require.Len(t, splitLines(r.out), 3+30+3)
}

// TestTimeout: -t sets the per-request timeout; a timeout is an error.
func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runMain(context.Background(), t, flags2, pipeEnv(t), "-s", "DELAY", "-t", "400ms", "-v", "BR", "CN", "--strategy", "sequential")
		require.Equal(t, 0, r.code)
		require.Equal(t, "BR error: context deadline exceeded\nCN error: context deadline exceeded\n--------------------\n  0 flags downloaded.\n  2 errors.\nElapsed time: 0.80s\n",
			r.out[strings.Index(r.out, "BR error"):])
		r = runMain(context.Background(), t, flags2, pipeEnv(t), "-s", "DELAY", "-t", "600ms", "BR", "CN")
		require.Contains(t, r.out, "  2 flags downloaded.\nElapsed time: 0.50s\n")
	})
}
