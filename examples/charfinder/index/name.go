package index

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/runenames"
)

// UnicodeVersion is the version of the Unicode Character Database the names
// come from: runenames.UnicodeVersion, which depends on the Go toolchain
// golang.org/x/text is built with (15.0.0 before Go 1.27, 17.0.0 from it,
// for x/text v0.41.0).
const UnicodeVersion = runenames.UnicodeVersion

// Name returns r's character name as Python's unicodedata.name gives it, or ""
// if r has none. Beyond runenames, which lists ranges of ideographs and
// syllables under a placeholder such as "<CJK Ideograph>", it derives the
// names of CJK unified ideographs ("CJK UNIFIED IDEOGRAPH-4E00", rule NR2)
// and Hangul syllables ("HANGUL SYLLABLE GA", rule NR1). Like Python 3.12 it
// gives no name to controls, Tangut ideographs, surrogates, private-use and
// unassigned code points. Cost: a binary search in runenames' table; derived
// names allocate.
func Name(r rune) string {
	n := runenames.Name(r)
	if !strings.HasPrefix(n, "<") {
		return n
	}
	b, ok := appendDerived(nil, r, n)
	if !ok {
		return ""
	}
	return string(b)
}

// appendName appends r's name (as [Name] gives it) to b and reports whether r
// has one, without allocating beyond b's growth.
func appendName(b []byte, r rune) ([]byte, bool) {
	n := runenames.Name(r)
	if n == "" {
		return b, false
	}
	if n[0] != '<' {
		return append(b, n...), true
	}
	return appendDerived(b, r, n)
}

// appendDerived appends the name Unicode derives by rule for r, whose
// runenames entry is the placeholder ph, and reports whether there is one.
func appendDerived(b []byte, r rune, ph string) ([]byte, bool) {
	switch {
	case isHangulSyllable(r):
		return appendHangulShort(append(b, "HANGUL SYLLABLE "...), r), true
	case strings.HasPrefix(ph, "<CJK Ideograph"):
		return appendSelfHex(append(b, "CJK UNIFIED IDEOGRAPH-"...), r), true
	}
	return b, false
}

// appendSelfHex appends r as Unicode writes code points in names: upper-case
// hex, at least four digits.
func appendSelfHex(b []byte, r rune) []byte {
	var buf [8]byte
	h := strconv.AppendUint(buf[:0], uint64(r), 16)
	for range 4 - len(h) {
		b = append(b, '0')
	}
	for _, c := range h {
		if 'a' <= c && c <= 'f' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
