// Command charfinder finds Unicode characters by the words of their names:
// the book's charindex.py (Fluent Python 2e, 21-async/mojifinder) in Go.
//
// Usage:
//
//	charfinder WORDS...
//
// It prints one line per character whose name holds every word
// (case-insensitive), in code point order, then a rule and the count:
//
//	$ charfinder cat smiling
//	U+1F638	😸	GRINNING CAT FACE WITH SMILING EYES
//	U+1F63A	😺	SMILING CAT FACE WITH OPEN MOUTH
//	U+1F63B	😻	SMILING CAT FACE WITH HEART-SHAPED EYES
//	────────────────────────────────────────────────────────────────── 3 found
//
// With no words it says so on standard error and exits with status 2.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, index.New))
}

// run is the command: it returns the exit status. It calls newIndex once
// the arguments are known to be good.
func run(args []string, stdout, stderr io.Writer, newIndex func(...index.Option) *index.Index) int {
	fs := flag.NewFlagSet("charfinder", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: charfinder WORDS...\n\n"+
			"Prints the Unicode characters whose names contain all the words (Unicode %s).\n",
			index.UnicodeVersion)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "Please give one or more words to search.")
		return 2
	}
	ix := newIndex()
	chars := ix.Search(strings.Join(fs.Args(), " "))
	w := bufio.NewWriter(stdout)
	for _, r := range chars {
		fmt.Fprintf(w, "U+%04X\t%c\t%s\n", r, r, index.Name(r))
	}
	fmt.Fprintf(w, "%s %d found\n", strings.Repeat("─", 66), len(chars))
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, "charfinder:", err)
		return 1
	}
	return 0
}
