package probecli

import (
	"flag"
	"net"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func parse(t *testing.T, args ...string) error {
	t.Helper()
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	var f Flags
	f.Register(fs)
	require.NoError(t, fs.Parse(args))
	_, err := f.Options()
	return err
}

func TestOptions(t *testing.T) {
	require.NoError(t, parse(t))
	require.NoError(t, parse(t, "-dns", "127.0.0.1:5353", "-timeout", "1s", "-limit", "3"))
	require.NoError(t, parse(t, "-dns", "[::1]:53"))
	for _, bad := range [][]string{
		{"-dns", "127.0.0.1"}, {"-dns", ":53"}, {"-dns", "h:0"}, {"-dns", "h:65536"}, {"-dns", "h:x"},
		{"-timeout", "0s"}, {"-limit", "0"},
	} {
		require.Error(t, parse(t, bad...), "%v", bad)
	}
}

// Whatever -dns holds, Options never panics, and what it accepts is a
// host and a port from 1 to 65535.
func FuzzDNSFlag(f *testing.F) {
	for _, s := range []string{"127.0.0.1:53", "[::1]:53", ":53", "h:", "h:99999", "a:b:c", "[::1]", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fl := Flags{dns: s, timeout: 1, limit: 1}
		if _, err := fl.Options(); err != nil || s == "" {
			return
		}
		host, port, err := net.SplitHostPort(s)
		require.NoError(t, err)
		require.NotEmpty(t, host)
		p, err := strconv.Atoi(port)
		require.NoError(t, err)
		require.True(t, p >= 1 && p <= 65535)
	})
}
