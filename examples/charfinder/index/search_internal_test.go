package index

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSearchExtraInLongerList covers a word whose posting list has an extra
// character (its own code point) and is not the shortest list of the query,
// which Unicode's names never produce: the extra must survive the
// intersection when the other lists hold it.
func TestSearchExtraInLongerList(t *testing.T) {
	ix := &Index{
		words:   map[string]int32{"X": 0, "FACE": 1},
		start:   []int32{0, 2, 5},
		runes:   []rune{0x30, 0xFACE, 0x41, 0x42, 0x43},
		selfHex: newBitset(0x10000),
	}
	require.Nil(t, ix.Search("x face"), "without the self-hex character")
	ix.selfHex.set(0xFACE)
	require.Equal(t, []rune{0xFACE}, ix.Search("x face"))
	require.Equal(t, []rune{0xFACE}, ix.Search("face x"))
	require.Equal(t, []rune{0x41, 0x42, 0x43, 0xFACE}, ix.Search("face"))
	require.Equal(t, []rune{0x30, 0xFACE}, ix.Search("x"))
}
