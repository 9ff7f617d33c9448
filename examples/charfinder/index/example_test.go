package index_test

import (
	"fmt"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// The book's doctests, on the ASCII range.
func ExampleIndex_Search() {
	ix := index.New(index.Range(32, 128))
	for _, q := range []string{"DOLLAR", "SIGN", "A SMALL", "BRILLIG", "capital a"} {
		fmt.Printf("%-10s %q\n", q, string(ix.Search(q)))
	}
	// Output:
	// DOLLAR     "$"
	// SIGN       "#$%+<=>"
	// A SMALL    "a"
	// BRILLIG    ""
	// capital a  "A"
}

// Names Unicode derives by rule are there too.
func ExampleName() {
	for _, r := range []rune{'♜', '一', '가', 0x7F} {
		fmt.Printf("U+%04X %q\n", r, index.Name(r))
	}
	// Output:
	// U+265C "BLACK CHESS ROOK"
	// U+4E00 "CJK UNIFIED IDEOGRAPH-4E00"
	// U+AC00 "HANGUL SYLLABLE GA"
	// U+007F ""
}

func ExampleWords() {
	for w := range index.Words("black-letter Straße") {
		fmt.Println(w)
	}
	// Output:
	// BLACK
	// LETTER
	// STRASSE
}
