package hostport

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestParse(t *testing.T) {
	for _, c := range []struct {
		args       []string
		host, port string
		err        string
	}{
		{nil, "127.0.0.1", "2323", ""},
		{[]string{"0.0.0.0"}, "0.0.0.0", "2323", ""},
		{[]string{"localhost", "9000"}, "localhost", "9000", ""},
		{[]string{"h", "65536"}, "", "", `bad port "65536"`},
		{[]string{"h", "x"}, "", "", `bad port "x"`},
		{[]string{"a", "1", "b"}, "", "", "too many arguments"},
	} {
		host, port, err := Parse(c.args, "2323")
		if c.err != "" {
			require.EqualError(t, err, c.err, "%q", c.args)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, c.host, host)
		require.Equal(t, c.port, port)
	}
}
