package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

const prompt = "?> "

// statusRule is the rule that starts the status line: 66 box-drawing dashes.
var statusRule = strings.Repeat("─", 66)

// session is one client's conversation: the book's finder coroutine.
type session struct {
	srv    *server
	conn   net.Conn
	client string // the peer as Python prints it

	// The read and write deadlines last set on conn (see armRead).
	readBy, writeBy time.Time

	logBuf []byte // the line logLine formats, kept for the next
}

// logLine logs the line before + the client + after + what add appends, as
// log.Printf would (with the server's logger, which adds nothing to a
// line), but formatted in the session's buffer, without fmt: two of these a
// query were a measurable part of a busy server's time.
func (ss *session) logLine(before, after string, add func([]byte) []byte) {
	b := append(ss.logBuf[:0], before...)
	b = append(b, ss.client...)
	b = append(b, after...)
	b = append(add(b), '\n')
	if w := ss.srv.logw; w != nil {
		w.Write(b)
	} else {
		ss.srv.log.Output(2, string(b))
	}
	ss.logBuf = b
}

// run serves the client until it hangs up, sends a control character, stays
// idle too long, sends an overlong line, or the server shuts down; it closes
// the connection and logs "Close".
func (ss *session) run() {
	s := ss.srv
	defer s.log.Printf("Close %s.", ss.client)
	br := bufio.NewReaderSize(ss.conn, s.lim.maxLine)
	bw := bufio.NewWriterSize(ss.conn, 32<<10)
	var buf []byte
	s.armWrite(ss) // for the first prompt; then each query's answer and the prompt after it
	for {
		if !s.armRead(ss) {
			if bw.Flush() == nil { // the last answer, if any
				ss.bye(false, "Server shutting down.")
			}
			ss.conn.Close()
			return
		}
		bw.WriteString(prompt)
		// A client may send several lines without waiting for the answers
		// (a file piped in): while the next line is already buffered, the
		// answers wait in bw and go out together, a write system call
		// for many. When the reader has no complete line, everything is
		// flushed before it blocks, so the only answers still in bw when a
		// read ends the session are the ones before a hang-up line.
		if !lineBuffered(br) && bw.Flush() != nil {
			ss.conn.Close()
			return
		}
		line, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			s.log.Printf("Long %s: line over %d bytes.", ss.client, s.lim.maxLine)
			ss.bye(true, "Line too long: the limit is "+strconv.Itoa(s.lim.maxLine)+" bytes.")
			return
		case errors.Is(err, os.ErrDeadlineExceeded):
			if s.isClosing() {
				ss.bye(true, "Server shutting down.")
			} else {
				s.log.Printf("Idle %s: no input for %v.", ss.client, s.lim.idle)
				ss.bye(true, "Idle for "+s.lim.idle.String()+".")
			}
			return
		case errors.Is(err, io.EOF) && len(line) == 0:
			lingerClose(ss.conn, s.lim.writeTimeout) // the client is done
			return
		case err != nil && !errors.Is(err, io.EOF):
			ss.conn.Close() // the connection failed
			return
		}
		// A line, or a last line without its newline before EOF. Sending
		// its answer may take up to the write timeout from now, however
		// long the client took to ask.
		s.armWrite(ss)
		query, v := parseLine(line)
		ss.logLine(" From ", ": ", func(b []byte) []byte { return appendPyRepr(b, query) })
		switch v {
		case hangUp:
			if bw.Flush() != nil {
				ss.conn.Close()
				return
			}
			lingerClose(ss.conn, s.lim.writeTimeout)
			return
		case search:
			chars := s.ix.Search(query)
			buf = writeResults(bw, buf, chars) // errors show at the Flush after the prompt
			ss.logLine("   To ", ": ", func(b []byte) []byte { return append(strconv.AppendInt(b, int64(len(chars)), 10), " results."...) })
		}
		if err != nil { // EOF after the last line
			if bw.Flush() == nil {
				lingerClose(ss.conn, s.lim.writeTimeout)
			}
			ss.conn.Close()
			return
		}
	}
}

// lineBuffered reports whether br holds a complete line, so that reading
// it will not block.
func lineBuffered(br *bufio.Reader) bool {
	n := br.Buffered()
	if n == 0 {
		return false
	}
	b, _ := br.Peek(n)
	return bytes.IndexByte(b, '\n') >= 0
}

// bye sends a last line explaining why the session ends (on a line of its
// own, after the prompt if prompted), then closes.
func (ss *session) bye(prompted bool, line string) {
	if prompted {
		line = "\r\n" + line
	}
	sayAndClose(ss.conn, line, ss.srv.lim.writeTimeout)
}

// writeResults writes the answer to a query to w: one CRLF-terminated line
// per character (U+XXXX, tab, the character, tab, its name), then the status
// line. It formats in buf (returned for reuse) a chunk at a time, so a long
// answer (98,263 lines for CJK) costs a session no more than a chunk.
func writeResults(w io.Writer, buf []byte, chars []rune) []byte {
	const chunk = 16 << 10
	b := buf[:0]
	for _, r := range chars {
		b = appendResultLine(b, r)
		if len(b) >= chunk {
			w.Write(b)
			b = b[:0]
		}
	}
	b = append(b, statusRule...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(len(chars)), 10)
	b = append(b, " found\r\n"...)
	w.Write(b)
	return b[:0]
}

// appendResultLine appends r's result line to b.
func appendResultLine(b []byte, r rune) []byte {
	b = append(b, "U+"...)
	b = appendHex4(b, r)
	b = append(b, '\t')
	b = utf8.AppendRune(b, r)
	b = append(b, '\t')
	b = append(b, index.Name(r)...)
	return append(b, "\r\n"...)
}

// appendHex4 appends r in upper-case hex, at least four digits.
func appendHex4(b []byte, r rune) []byte {
	const digits = "0123456789ABCDEF"
	n := 4
	for v := r >> 16; v > 0; v >>= 4 {
		n++
	}
	for i := n - 1; i >= 0; i-- {
		b = append(b, digits[(r>>(4*i))&0xF])
	}
	return b
}
