package index_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// FuzzWords checks the tokenizer and the search on arbitrary text: words are
// never empty and hold no separator, and every result's name holds every word,
// in ascending order.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"cat face", "ﬁre", "black-letter", "a\x1fb", "\xff\xfe", "4e00", "ſun", "  ", "ß"} {
		f.Add(s)
	}
	ix := full()
	f.Fuzz(func(t *testing.T, s string) {
		var words []string
		for w := range index.Words(s) {
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return r == '-' || index.IsPySpace(r) }) {
				t.Fatalf("Words(%q) yielded %q", s, w)
			}
			words = append(words, w)
		}
		got := ix.Search(s)
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("Search(%q) not strictly ascending", s)
		}
		for _, r := range got {
			if !utf8.ValidRune(r) {
				t.Fatalf("Search(%q) gave %U", s, r)
			}
			nameWords := slices.Collect(index.Words(index.Name(r)))
			for _, w := range words {
				if !slices.Contains(nameWords, w) {
					t.Fatalf("Search(%q) gave %U %q, which lacks %q", s, r, index.Name(r), w)
				}
			}
		}
	})
}
