package ascompleted

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/future"
)

func TestDuplicates(t *testing.T) {
	a, b, c := future.New[int](), future.New[int](), future.New[int]()
	require.Nil(t, duplicates([]*future.Future[int]{}))
	require.Nil(t, duplicates([]*future.Future[int]{a}))
	require.Nil(t, duplicates([]*future.Future[int]{a, b, c}))
	require.Equal(t, []bool{false, true}, duplicates([]*future.Future[int]{a, a}))
	require.Equal(t, []bool{false, false, true, false, true, true},
		duplicates([]*future.Future[int]{a, b, a, c, c, b}))
	// Mixed types behind one interface: equal only if the same future.
	s := future.New[string]()
	require.Equal(t, []bool{false, false, true, false},
		duplicates([]future.Awaitable{a, s, a, b}))

	// Past the table on the stack, and through collisions: every index
	// hashes into a table of 2 to 4 slots a future.
	many := make([]*future.Future[int], 1000)
	for i := range many {
		many[i] = future.New[int]()
	}
	require.Nil(t, duplicates(many))
	withDups := append(append([]*future.Future[int]{}, many...), many[999], many[0], many[500])
	dup := duplicates(withDups)
	require.Len(t, dup, 1003)
	for i, d := range dup {
		require.Equal(t, i >= 1000, d, "index %d", i)
	}
}
