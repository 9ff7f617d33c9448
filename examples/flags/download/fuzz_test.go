package download

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: whatever the arguments, the parser returns options or a usage
// error, never panics; accepted options name at least one well-formed code,
// sorted, without duplicates, at most Limit, and at least one connection.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "-a", "-e -l 3", "B br", "-m 0", "-s delay -v JP", "--strategy executor -m 5000 -e",
		"ZZZ", "-l", "-u http://x/flags -t 1s A", "-- -a", "é", "B -v -"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return
		}
		var out, errOut bytes.Buffer
		o, err := parser{name: "flags2", strategy: Tasks, stdout: &out, stderr: &errOut}.parse(strings.Fields(line))
		switch {
		case errors.Is(err, errUsage):
			if out.Len() == 0 && errOut.Len() == 0 {
				t.Fatalf("%q: usage error with no message", line)
			}
			return
		case errors.Is(err, errHelp):
			return
		case err != nil:
			t.Fatalf("%q: unexpected error %v", line, err)
		}
		if len(o.Codes) == 0 || len(o.Codes) > o.Limit || !slices.IsSorted(o.Codes) || len(slices.Compact(slices.Clone(o.Codes))) != len(o.Codes) {
			t.Fatalf("%q: bad codes %v (limit %d)", line, o.Codes, o.Limit)
		}
		for _, cc := range o.Codes {
			if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
				t.Fatalf("%q: bad code %q", line, cc)
			}
		}
		if c := o.Conns(); c < 1 || c > 1000 || c > len(o.Codes) {
			t.Fatalf("%q: %d connections", line, c)
		}
	})
}
