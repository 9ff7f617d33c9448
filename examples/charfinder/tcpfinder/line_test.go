package main

import (
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

func TestParseLine(t *testing.T) {
	for in, want := range map[string]struct {
		q string
		v verdict
	}{
		"rook\r\n":       {"rook", search},
		"  cat face \n":  {"cat face", search},
		"\r\n":           {"", reprompt},
		"\t\x1c\x1f\r\n": {"", reprompt},
		"\x03\r\n":       {"\x03", hangUp},
		" \x00rook\r\n":  {"\x00rook", hangUp},
		"\xff\r\n":       {"\x00", hangUp},
		"\xed\xa0\x80":   {"\x00", hangUp}, // an encoded surrogate is not UTF-8
		"é\u3000":        {"é", search},
	} {
		q, v := parseLine([]byte(in))
		require.Equal(t, want.q, q, "%q", in)
		require.Equal(t, want.v, v, "%q", in)
	}
}

// FuzzParseLine checks the protocol's line rules on any input.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"rook\r\n", "\r\n", "\x03\r\n", "\xff\xfe", " \x1f sun \n", "\u0085x\u00a0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		q, v := parseLine(line)
		if !utf8.ValidString(q) {
			t.Fatalf("query %q is not UTF-8", q)
		}
		switch v {
		case reprompt:
			if q != "" || strings.TrimFunc(string(line), index.IsPySpace) != "" {
				t.Fatalf("%q: reprompt with %q", line, q)
			}
		case hangUp:
			if q == "" || q[0] >= 0x20 {
				t.Fatalf("%q: hang up on %q", line, q)
			}
		case search:
			first, _ := utf8.DecodeRuneInString(q)
			last, _ := utf8.DecodeLastRuneInString(q)
			if !utf8.Valid(line) || first < 0x20 || index.IsPySpace(first) || index.IsPySpace(last) {
				t.Fatalf("%q: search %q", line, q)
			}
		default:
			t.Fatalf("verdict %d", v)
		}
		writeResults(io.Discard, nil, fullIndex().Search(q)) // never panics
	})
}
