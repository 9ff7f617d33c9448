package future

import (
	"testing"

	"github.com/stretchr/testify/require"
)

type fakeTask int

func (fakeTask) take() bool     { return true }
func (fakeTask) withdraw() bool { return false }
func (fakeTask) run(*tally)     {}
func (fakeTask) abort()         {}

// The block queue stays FIFO across block boundaries, with interleaved pushes
// and pops, and reuses its last block when it empties.
func TestTaskQueue(t *testing.T) {
	var q taskQueue
	require.Nil(t, q.pop())
	next, want := 0, 0
	for round := range 50 {
		for range round * 7 % 150 {
			q.push(fakeTask(next))
			next++
		}
		require.Equal(t, next-want, q.len())
		if next > want {
			require.Equal(t, fakeTask(want), q.peek())
		}
		for range round * 5 % 130 {
			got := q.pop()
			if want == next {
				require.Nil(t, got)
				break
			}
			require.Equal(t, fakeTask(want), got)
			want++
		}
	}
	for want < next {
		require.Equal(t, fakeTask(want), q.pop())
		want++
	}
	require.Nil(t, q.pop())
	require.Zero(t, q.len())
	require.Nil(t, q.peek())
}
