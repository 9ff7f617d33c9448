package main

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pyRepr formats s as Python's repr(str) does, so the log reads like the
// book's: single quotes unless s holds a single quote and no double quote,
// backslash escapes for the quote, backslash, \t \n \r, and \x, \u or \U
// escapes for characters Python does not print (str.isprintable, which
// matches unicode.IsPrint).
func pyRepr(s string) string { return string(appendPyRepr(make([]byte, 0, len(s)+2), s)) }

// appendPyRepr appends pyRepr(s) to b.
func appendPyRepr(b []byte, s string) []byte {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b = append(b, q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case unicode.IsPrint(r):
			b = utf8.AppendRune(b, r)
		case r < 0x100:
			b = fmt.Appendf(b, `\x%02x`, r)
		case r < 0x10000:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = fmt.Appendf(b, `\U%08x`, r)
		}
	}
	return append(b, q)
}

// pyAddr formats a TCP address as asyncio's peername tuple prints:
// ('127.0.0.1', 2323), or ('::1', 2323, 0, 0) for IPv6.
func pyAddr(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return pyRepr(a.String())
	}
	port := strconv.Itoa(ta.Port)
	if ip4 := ta.IP.To4(); ip4 != nil {
		return "(" + pyRepr(ip4.String()) + ", " + port + ")"
	}
	return "(" + pyRepr(ta.IP.String()) + ", " + port + ", 0, 0)"
}
