package main

import (
	"strings"
	"unicode/utf8"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// verdict is what a session does with one line of input.
type verdict int

const (
	reprompt verdict = iota // blank line: prompt again
	search                  // a query: answer it
	hangUp                  // a control character (or undecodable input): end the session
)

// parseLine applies the book's protocol to one line as read (with or without
// its line ending): decode UTF-8, undecodable input standing for "\x00";
// strip Python's white space; blank means prompt again, a first character
// below U+0020 means end the session, anything else is a query.
func parseLine(line []byte) (query string, v verdict) {
	if !utf8.Valid(line) {
		query = "\x00"
	} else {
		query = strings.TrimFunc(string(line), index.IsPySpace)
	}
	switch {
	case query == "":
		return query, reprompt
	case query[0] < 0x20:
		return query, hangUp
	}
	return query, search
}
