package benchmarks

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWorkloads runs every contender of every workload once and checks its
// answer.
func TestWorkloads(t *testing.T) {
	for _, w := range []struct {
		name       string
		contenders []poolContender
	}{
		{"pool", poolContenders},
		{"bounded", boundedContenders},
		{"group", groupContenders},
	} {
		for _, c := range w.contenders {
			t.Run(w.name+"/"+c.name, func(t *testing.T) {
				out := c.run(1000)
				require.Len(t, out, 1000)
				for i, v := range out {
					require.Equal(t, tiny(i), v, "task %d", i)
				}
			})
		}
	}
}

func TestSemaphoreContenders(t *testing.T) {
	for _, c := range semContenders {
		t.Run(c.name, func(t *testing.T) {
			s := c.make(2)
			require.NoError(t, s.Acquire(context.Background()))
			require.True(t, s.TryAcquire())
			require.False(t, s.TryAcquire(), "bounded at 2")
			s.Release()
			s.Release()
		})
	}
}

func TestTaskContenders(t *testing.T) {
	for _, c := range taskContenders {
		t.Run(c.name, func(t *testing.T) {
			run, done := c.make()
			defer done()
			for i := range 100 {
				require.Equal(t, tiny(i), run(i))
			}
		})
	}
}

func TestCompletedContenders(t *testing.T) {
	perm := rand.Perm(500)
	for _, c := range completedContenders {
		t.Run(c.name, func(t *testing.T) {
			// Each value exactly once. (The order is the completion order
			// only as far as each contender can see it: Of yields the
			// futures already done when it starts first, in argument order.)
			out := c.run(perm)
			slices.Sort(out)
			for i, v := range out {
				require.Equal(t, i, v)
			}
		})
	}
}
