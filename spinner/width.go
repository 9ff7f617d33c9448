package spinner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/width"
)

// The spinner's line is measured in display columns, cell by cell as a
// terminal lays it out:
//
//   - Text is cut into grapheme clusters (github.com/rivo/uniseg, UAX #29):
//     "👍🏽", "👨‍👩‍👧", "🇺🇸" and "e" + U+0301 are one cell each and are never
//     split. x/text has no grapheme segmentation; uniseg is the maintained,
//     dependency-free implementation of the Unicode rules.
//   - A cluster's width comes from its first rune's East Asian Width
//     (golang.org/x/text/width, the Unicode table the Go team keeps current):
//     Wide and Fullwidth take 2 columns — CJK, and the emoji that Unicode
//     gives emoji presentation (🚀 ✅ ❌ ⭐ ⌛ ⚡). Ambiguous counts 1, as
//     terminals outside CJK locales draw it. A cluster with the emoji
//     variation selector U+FE0F ("⏱️") and a flag (two regional indicators)
//     take 2; a cluster of only marks or format characters takes 0.
//   - An SGR sequence (colour, bold: ESC [ … m) takes no column and is never
//     cut; other escape sequences are removed (they would move the cursor).
//
// The tests check these widths against uniseg's own StringWidth.

const (
	esc      = '\x1b'
	sgrReset = "\x1b[0m"
)

// clusterWidth is the number of columns one grapheme cluster takes.
func clusterWidth(g string) int {
	r, _ := utf8.DecodeRuneInString(g)
	switch {
	case strings.ContainsRune(g, '\uFE0F'):
		return 2
	case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicator: a flag
		return 2
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r == '\u200B' {
		return 0
	}
	return 1
}

// escapeLen returns the length of the escape sequence at the start of s
// (s[0] is ESC) and whether it is an SGR sequence. A sequence that does not
// end within s has length len(s).
func escapeLen(s string) (n int, isSGR bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte @–~
		for i := 2; i < len(s); i++ {
			c := s[i]
			if c >= 0x40 && c <= 0x7e {
				return i + 1, c == 'm' && validSGRParams(s[2:i])
			}
			if c < 0x20 || c > 0x3f {
				return i, false // broken: drop what came so far
			}
		}
		return len(s), false
	case ']', 'P', '_', '^', 'X': // OSC, DCS, …: up to BEL or ST (ESC \)
		for i := 2; i < len(s); i++ {
			if s[i] == '\a' {
				return i + 1, false
			}
			if s[i] == esc {
				if i+1 < len(s) && s[i+1] == '\\' {
					return i + 2, false
				}
				return i, false
			}
		}
		return len(s), false
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size, false // a two-character escape
}

func validSGRParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// sanitize makes msg safe to print on one line. Invalid UTF-8 becomes
// U+FFFD; every control character becomes a space (a tab, a newline and a
// carriage return included); escape sequences other than SGR are removed,
// and SGR too unless keepSGR.
func sanitize(msg string, keepSGR bool) string {
	var b strings.Builder
	for i := 0; i < len(msg); {
		c := msg[i]
		if c == esc {
			n, isSGR := escapeLen(msg[i:])
			if isSGR && keepSGR {
				b.WriteString(msg[i : i+n])
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(msg[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteByte(' ')
		default:
			b.WriteString(msg[i : i+size])
		}
		i += size
	}
	return b.String()
}

// displayWidth is the number of columns s takes; s is sanitized.
func displayWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] == esc {
			n, _ := escapeLen(s[i:])
			i += n
			continue
		}
		g, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
		if j := strings.IndexByte(g, esc); j > 0 {
			g = g[:j]
		}
		w += clusterWidth(g)
		i += len(g)
	}
	return w
}

// truncate cuts the sanitized s to at most cols columns, between grapheme
// clusters and never inside an escape sequence. If s holds any SGR sequence,
// the result ends with a reset, so no colour outlives the line.
func truncate(s string, cols int) string {
	var b, pending strings.Builder // SGR sequences wait for the text they colour
	w, coloured := 0, false
	for i := 0; i < len(s); {
		if s[i] == esc {
			n, isSGR := escapeLen(s[i:])
			if isSGR {
				pending.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		g, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
		if j := strings.IndexByte(g, esc); j > 0 {
			g = g[:j] // an escape sequence ends the cluster
		}
		gw := clusterWidth(g)
		if w+gw > cols {
			break
		}
		if pending.Len() > 0 {
			b.WriteString(pending.String())
			pending.Reset()
			coloured = true
		}
		b.WriteString(g)
		w += gw
		i += len(g)
	}
	if coloured {
		b.WriteString(sgrReset)
	}
	return b.String()
}
