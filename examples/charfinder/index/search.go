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
	var lists [][]rune
	for w := range Words(query) {
		l := ix.postings(w)
		if len(l) == 0 {
			return nil
		}
		lists = append(lists, l)
	}
	if len(lists) == 0 {
		return nil
	}
	slices.SortFunc(lists, func(a, b []rune) int { return len(a) - len(b) })
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		out = intersect(out, l)
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

// postings returns the ascending characters whose names contain word. The
// slice may alias the index: callers must not modify it.
func (ix *Index) postings(word string) []rune {
	var l []rune
	if id, ok := ix.words[word]; ok {
		l = ix.runes[ix.start[id]:ix.start[id+1]]
	}
	if r, ok := parseSelfHex(word); ok && ix.selfHex.has(int(r)) {
		i, found := slices.BinarySearch(l, r)
		if !found {
			l = slices.Insert(slices.Clip(l), i, r) // copies: never writes into the index
		}
	}
	return l
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
