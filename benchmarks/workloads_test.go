package benchmarks

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWorkloads runs every contender of every workload once and checks its
// answer.
func TestWorkloads(t *testing.T) {
	for _, c := range poolContenders {
		t.Run("pool/"+c.name, func(t *testing.T) {
			out := c.run(1000)
			require.Len(t, out, 1000)
			for i, v := range out {
				require.Equal(t, tiny(i), v, "task %d", i)
			}
		})
	}
}
