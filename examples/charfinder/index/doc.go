// Package index is the Unicode character-name index behind the charfinder
// examples: the book's InvertedIndex (Fluent Python 2e, 21-async/mojifinder
// charindex.py) in Go.
//
// An [Index] maps every word of every character name to the characters whose
// names contain it. Names come from golang.org/x/text/unicode/runenames plus
// the names Unicode derives by rule (see [Name]), so a query answers as
// Python's unicodedata does on the same Unicode version. A query is a set of
// words, case-insensitive; the result is the characters whose names contain
// all of them, in code point order.
//
// An Index is immutable once built and safe for concurrent use.
package index
