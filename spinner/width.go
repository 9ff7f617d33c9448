package spinner

import "unicode"

// runeWidth is the number of terminal columns r takes: 0 for combining marks
// and controls, 2 for East Asian wide and emoji ranges, 1 otherwise. It is a
// small approximation of wcwidth, enough to keep a status line from wrapping.
func runeWidth(r rune) int {
	switch {
	case r < 32 || (r >= 0x7f && r < 0xa0):
		return 0
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && (r <= 0x115f || // Hangul Jamo
		(r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) || // CJK … Yi
		(r >= 0xac00 && r <= 0xd7a3) || // Hangul syllables
		(r >= 0xf900 && r <= 0xfaff) || // CJK compatibility ideographs
		(r >= 0xfe30 && r <= 0xfe4f) || // CJK compatibility forms
		(r >= 0xff00 && r <= 0xff60) || // fullwidth forms
		(r >= 0xffe0 && r <= 0xffe6) ||
		(r >= 0x1f300 && r <= 0x1f64f) || // pictographs, emoticons
		(r >= 0x1f900 && r <= 0x1f9ff) || // supplemental symbols
		(r >= 0x20000 && r <= 0x3fffd)): // CJK extensions
		return 2
	}
	return 1
}

// truncate cuts s to at most cols display columns.
func truncate(s string, cols int) string {
	w := 0
	for i, r := range s {
		rw := runeWidth(r)
		if w+rw > cols {
			return s[:i]
		}
		w += rw
	}
	return s
}
