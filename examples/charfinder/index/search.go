package index

import (
	"slices"
	"strconv"
)

// Search returns the characters whose names contain every word of query (see
// [Words]), in code point order: the book's InvertedIndex.search. A query
// with no words, or with a word no name contains, gives nil. The result is a
// new slice the caller may keep. Cost: proportional to the shortest posting
// list times the number of words (with a binary search into the longer
// lists), plus the result.
func (ix *Index) Search(query string) []rune {
	lists := make([]postingList, 0, 4) // on the stack for queries of up to 4 words
	for w := range Words(query) {
		p := ix.postings(w)
		if p.len() == 0 {
			return nil
		}
		lists = append(lists, p)
	}
	if len(lists) == 0 {
		return nil
	}
	slices.SortFunc(lists, func(a, b postingList) int { return a.len() - b.len() })
	out := lists[0].insertExtra(slices.Clone(lists[0].runes))
	for _, p := range lists[1:] {
		// out ∩ (p.runes ∪ {p.extra}) = (out ∩ p.runes) ∪ (out ∩ {p.extra})
		_, keep := slices.BinarySearch(out, p.extra)
		out = intersect(out, p.runes)
		if p.hasExtra && keep {
			out = p.insertExtra(out)
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

// A postingList is the ascending characters whose names contain a word: a
// slice of the index, which must not be written, and maybe one character
// more, not in the slice.
type postingList struct {
	runes    []rune
	extra    rune // with hasExtra: the character whose name ends in the word as its own code point
	hasExtra bool
}

func (p postingList) len() int {
	if p.hasExtra {
		return len(p.runes) + 1
	}
	return len(p.runes)
}

// insertExtra inserts p's extra character, if any, into out, which is
// ascending and the caller's own.
func (p postingList) insertExtra(out []rune) []rune {
	if !p.hasExtra {
		return out
	}
	i, _ := slices.BinarySearch(out, p.extra)
	return slices.Insert(out, i, p.extra)
}

// postings returns the characters whose names contain word. A word such as
// FACE is also the code point of a character whose name Unicode derives
// from it (CJK COMPATIBILITY IDEOGRAPH-FACE): that one is the list's extra,
// kept apart so that the index's list is never copied to add it.
func (ix *Index) postings(word string) postingList {
	var p postingList
	if id, ok := ix.words[word]; ok {
		p.runes = ix.runes[ix.start[id]:ix.start[id+1]]
	}
	if r, ok := parseSelfHex(word); ok && ix.selfHex.has(int(r)) {
		if _, found := slices.BinarySearch(p.runes, r); !found {
			p.extra, p.hasExtra = r, true
		}
	}
	return p
}

// parseSelfHex parses word as a code point in Unicode's notation (upper-case
// hex, at least four digits, no extra leading zero).
func parseSelfHex(word string) (rune, bool) {
	if len(word) < 4 || len(word) > 6 || (len(word) > 4 && word[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; !('0' <= c && c <= '9' || 'A' <= c && c <= 'F') {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(word, 16, 32)
	if err != nil || v > 0x10FFFF {
		return 0, false
	}
	return rune(v), true
}

// intersect keeps in a (ascending) the runes also in b (ascending), in place.
// It walks a and gallops through b, so a short a against a long b is cheap.
func intersect(a, b []rune) []rune {
	out := a[:0]
	for _, r := range a {
		i, found := slices.BinarySearch(b, r)
		if found {
			out = append(out, r)
		}
		b = b[i:]
		if len(b) == 0 {
			break
		}
	}
	return out
}
