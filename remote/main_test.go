package remote_test

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	if url := os.Getenv(childWorkerEnv); url != "" {
		os.Exit(runChildWorker(url))
	}
	goleak.VerifyTestMain(m)
}

// serverOptions returns the options of an embedded JetStream server on
// 127.0.0.1 with its store in dir; port 0 picks a free one.
func serverOptions(dir string, port int) *server.Options {
	if port == 0 {
		port = -1
	}
	return &server.Options{
		Host:      "127.0.0.1",
		Port:      port,
		JetStream: true,
		StoreDir:  dir,
		NoLog:     true,
		NoSigs:    true,
	}
}

// runServer starts an embedded server and stops it at the test's end.
func runServer(t testing.TB, opts *server.Options) *server.Server {
	t.Helper()
	s, err := server.NewServer(opts)
	require.NoError(t, err)
	s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(func() { stopServer(s) })
	return s
}

func stopServer(s *server.Server) {
	s.Shutdown()
	s.WaitForShutdown()
}

// startServer starts a fresh single JetStream server.
func startServer(t *testing.T) *server.Server {
	return runServer(t, serverOptions(t.TempDir(), 0))
}

// connect opens a connection that keeps reconnecting, closed at the test's end.
func connect(t *testing.T, urls string) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(urls,
		nats.MaxReconnects(-1),
		nats.ReconnectWait(50*time.Millisecond),
		nats.ReconnectJitter(0, 0),
		nats.Timeout(2*time.Second))
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	return nc
}

// freePort returns a port that was free on 127.0.0.1 a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// clusterOptions returns the options of n servers forming one JetStream cluster.
func clusterOptions(t *testing.T, n int) []*server.Options {
	routePorts := make([]int, n)
	var routes []*url.URL
	for i := range routePorts {
		routePorts[i] = freePort(t)
		routes = append(routes, &url.URL{Scheme: "nats-route", Host: fmt.Sprintf("127.0.0.1:%d", routePorts[i])})
	}
	opts := make([]*server.Options, n)
	for i := range opts {
		o := serverOptions(t.TempDir(), freePort(t))
		o.ServerName = fmt.Sprintf("s%d", i+1)
		o.Cluster = server.ClusterOpts{Name: "tulip", Host: "127.0.0.1", Port: routePorts[i]}
		o.Routes = routes
		opts[i] = o
	}
	return opts
}
