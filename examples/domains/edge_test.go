package domains_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/domains"
)

// Bad names get a result, never a panic, and are not found.
func TestProbeBadNames(t *testing.T) {
	s := startServer(t)
	for _, name := range []string{"", ".", "a..dev", strings.Repeat("x", 64) + ".dev", strings.Repeat("a.", 130) + "dev", "sp ace.dev"} {
		r := domains.Probe(context.Background(), name, opts(s)...)
		require.Equal(t, name, r.Domain)
		require.False(t, r.Found, "%q", name)
	}
}
