package index_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// full is the full index, built once for all the tests that need it.
var full = sync.OnceValue(func() *index.Index { return index.New() })

func hex(rs []rune) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String()
}

// TestSearchFull checks whole-index queries against the Unicode 15.0 data
// (the same answers Python 3.12's unicodedata gives the book's index).
func TestSearchFull(t *testing.T) {
	requireUnicode15(t)
	ix := full()
	for q, want := range map[string]string{
		"rook": "2656 265C 1FA02 1FA0B 1FA11 1FA17 1FA20 1FA26 1FA2C 1FA35 1FA3B 1FA41 1FA4F 1FA52",
		"chess black": "265A 265B 265C 265D 265E 265F 1FA07 1FA0F 1FA10 1FA11 1FA12 1FA13 1FA14 1FA1C " +
			"1FA24 1FA25 1FA26 1FA27 1FA28 1FA29 1FA31 1FA39 1FA3A 1FA3B 1FA3C 1FA3D 1FA3E 1FA46 " +
			"1FA49 1FA4C 1FA51 1FA52 1FA53",
		"sun":                 "2600 2609 263C 26C5 2E9C 2F47 3230 3290 C21C 11A9E 11A9F 11AA0 1F31E 1F323 1F324 1F325 1F326",
		"cat face":            "1F431 1F638 1F639 1F63A 1F63B 1F63C 1F63D 1F63E 1F63F 1F640",
		"Cat FACE":            "1F431 1F638 1F639 1F63A 1F63B 1F63C 1F63D 1F63E 1F63F 1F640",
		"4e00":                "4E00 1F229", // CJK UNIFIED IDEOGRAPH-4E00, SQUARED CJK UNIFIED IDEOGRAPH-4E00
		"1b170":               "1B170",
		"hangul syllable gag": "AC01",
		"brillig":             "",
		"rook brillig":        "",
		"":                    "",
		" \t-":                "",
	} {
		require.Equal(t, want, hex(ix.Search(q)), "query %q", q)
	}
	require.Len(t, ix.Search("CJK"), 98263)
	require.Len(t, ix.Search("hangul syllable"), 11172)
	// 149,186 characters in Unicode 15.0 less the 6,145 Tangut ideographs.
	require.Equal(t, 143041, ix.Len())
}

// TestSearchMatchesNames checks the index against a linear scan of the names
// on a range that holds every kind of derived name.
func TestSearchMatchesNames(t *testing.T) {
	ix := full()
	for _, q := range []string{"latin small letter a", "hangul syllable ga", "cjk", "ideograph 9fff",
		"nushu", "with", "1b170", "0041", "41", "AC00", "face", "cjk face", "face compatibility"} {
		var want []rune
		for _, c := range allNames() {
			if hasWords(c.words, q) {
				want = append(want, c.r)
			}
		}
		require.Equal(t, hex(want), hex(ix.Search(q)), "query %q", q)
	}
}

// named is a character with a name and the words of its name.
type named struct {
	r     rune
	name  string
	words []string
}

// allNames lists every named character from U+0020 on, computed once.
var allNames = sync.OnceValue(func() []named {
	var out []named
	for r := rune(32); r <= 0x10FFFF; r++ {
		if n := index.Name(r); n != "" {
			out = append(out, named{r, n, slices.Collect(index.Words(n))})
		}
	}
	return out
})

func hasWords(words []string, query string) bool {
	n := 0
	for w := range index.Words(query) {
		if !slices.Contains(words, w) {
			return false
		}
		n++
	}
	return n > 0
}

func TestSearchResultIsCallers(t *testing.T) {
	ix := full()
	a := ix.Search("4E00")
	a[0] = 'x'
	b := ix.Search("4E00")
	require.Equal(t, rune(0x4E00), b[0])
}

func TestZeroIndex(t *testing.T) {
	var ix index.Index
	require.Nil(t, ix.Search("a"))
	require.Zero(t, ix.Len())
	require.Nil(t, index.New(index.Range(200, 100)).Search("a"))
}

func TestWords(t *testing.T) {
	words := func(s string) []string {
		var out []string
		for w := range index.Words(s) {
			out = append(out, w)
		}
		return out
	}
	require.Equal(t, []string{"BLACK", "CHESS", "ROOK"}, words("  black\tchess-rook\n"))
	require.Equal(t, []string{"A", "B"}, words("a\x1fb")) // Python's isspace
	require.Equal(t, []string{"FIRE"}, words("ﬁre"))      // full case mapping, as str.upper
	require.Nil(t, words("-\u3000-"))
}
