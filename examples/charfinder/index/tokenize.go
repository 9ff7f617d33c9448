package index

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Words yields the words of text as the index sees them (the book's
// tokenize): upper-cased with Unicode's full case mapping, as Python's
// str.upper does ("ß" becomes "SS", "ﬁ" becomes "FI"), with '-' treated as a
// space, split on white space as Python's str.split does. ASCII text costs one
// copy at most; other text goes through golang.org/x/text/cases.
func Words(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		t := upper(text)
		for w := range strings.FieldsFuncSeq(t, isSep) {
			if !yield(w) {
				return
			}
		}
	}
}

// upper is Python's str.upper: ASCII by hand, the rest with full case mapping.
func upper(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return cases.Upper(language.Und).String(s)
		}
	}
	return strings.ToUpper(s) // ASCII: no copy when already upper case
}

// isSep reports whether r separates words: '-' or Python's white space
// (str.isspace, which unlike unicode.IsSpace includes U+001C..U+001F).
func isSep(r rune) bool {
	return r == '-' || IsPySpace(r)
}

// IsPySpace reports whether Python's str.isspace holds for r: Unicode's
// White_Space plus the information separators U+001C..U+001F.
func IsPySpace(r rune) bool {
	return unicode.IsSpace(r) || (0x1C <= r && r <= 0x1F)
}
