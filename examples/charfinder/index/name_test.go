package index_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

func TestNameDerived(t *testing.T) {
	for r, want := range map[rune]string{
		0x0020:   "SPACE",
		0x007F:   "", // controls: no name, as in Python
		0x0085:   "",
		0x00A0:   "NO-BREAK SPACE",
		0x3400:   "CJK UNIFIED IDEOGRAPH-3400",
		0x9FFF:   "CJK UNIFIED IDEOGRAPH-9FFF",
		0x20000:  "CJK UNIFIED IDEOGRAPH-20000",
		0xAC00:   "HANGUL SYLLABLE GA",
		0xAC01:   "HANGUL SYLLABLE GAG",
		0xB098:   "HANGUL SYLLABLE NA",
		0xBDC1:   "HANGUL SYLLABLE BWELG",
		0xC548:   "HANGUL SYLLABLE AN", // leading consonant IEUNG has an empty short name
		0xD55C:   "HANGUL SYLLABLE HAN",
		0xD7A3:   "HANGUL SYLLABLE HIH",
		0xD7A4:   "",
		0xF900:   "CJK COMPATIBILITY IDEOGRAPH-F900",
		0x2F800:  "CJK COMPATIBILITY IDEOGRAPH-2F800",
		0x18B00:  "KHITAN SMALL SCRIPT CHARACTER-18B00",
		0x1B170:  "NUSHU CHARACTER-1B170",
		0x17000:  "", // Tangut ideographs: no name in Python 3.12
		0x18800:  "TANGUT COMPONENT-001",
		0xD800:   "", // surrogate
		0xE000:   "", // private use
		0xFFFE:   "", // noncharacter
		0x10FFFF: "",
	} {
		require.Equal(t, want, index.Name(r), "U+%04X", r)
	}
}

// cjkUnified15 are the CJK unified ideograph ranges of Unicode 15.0
// (UnicodeData.txt's First/Last pairs).
var cjkUnified15 = [][2]rune{
	{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2B739},
	{0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x30000, 0x3134A},
	{0x31350, 0x323AF},
}

func requireUnicode15(t *testing.T) {
	t.Helper()
	if index.UnicodeVersion != "15.0.0" {
		t.Skipf("expected values are Unicode 15.0's; runenames has %s", index.UnicodeVersion)
	}
}

// TestNameRanges checks the derived names over whole ranges against the
// Unicode 15.0 data: every unified ideograph, every Hangul syllable (distinct
// names), and the counts of the names spelled out in UnicodeData.txt.
func TestNameRanges(t *testing.T) {
	requireUnicode15(t)
	for _, rg := range cjkUnified15 {
		for r := rg[0]; r <= rg[1]; r += 97 { // a sample; the counts below cover the rest
			require.Equal(t, fmt.Sprintf("CJK UNIFIED IDEOGRAPH-%04X", r), index.Name(r))
		}
		require.Equal(t, fmt.Sprintf("CJK UNIFIED IDEOGRAPH-%04X", rg[1]), index.Name(rg[1]))
	}
	counts := map[string]int{}
	hangul := map[string]bool{}
	for _, c := range allNames() {
		if name, ok := strings.CutPrefix(c.name, "HANGUL SYLLABLE "); ok {
			require.False(t, hangul[name], "duplicate %s", c.name)
			hangul[name] = true
		}
		if i := strings.LastIndexByte(c.name, '-'); i > 0 {
			counts[c.name[:i]]++
		}
	}
	require.Len(t, hangul, 11172)
	require.Equal(t, 97046, counts["CJK UNIFIED IDEOGRAPH"]) // the sum of the ranges' sizes
	require.Equal(t, 1014, counts["CJK COMPATIBILITY IDEOGRAPH"])
	require.Equal(t, 470, counts["KHITAN SMALL SCRIPT CHARACTER"])
	require.Equal(t, 396, counts["NUSHU CHARACTER"])
	require.Zero(t, counts["TANGUT IDEOGRAPH"])
}
