// Package screen is a small model of what a terminal shows, for the spinner
// examples' tests: it replays a program's output (as read from a
// pseudo-terminal) onto a grid of cells and reports the lines left on the
// screen, and what would have gone wrong on a real terminal: lines that
// wrapped, a colour left on, a hidden cursor, escape sequences it does not
// know.
package screen

import (
	"strconv"
	"strings"

	"github.com/rivo/uniseg"
)

// Screen is the state of the terminal after Render.
type Screen struct {
	Lines        []string // the screen's lines, trailing spaces and empty last lines cut
	Wraps        int      // times the text ran past the last column onto the next line
	CursorHidden bool     // the last cursor-visibility sequence hid it
	Coloured     bool     // an SGR attribute is still set at the end
	Unknown      []string // escape sequences the model does not interpret
}

// Render replays out on a terminal cols columns wide. It interprets
// printable text (by grapheme cluster and display width), "\r", "\n", "\b",
// "\t", and the escape sequences a spinner uses: ESC [ K (erase in line),
// ESC [ … m (SGR) and ESC [ ? 25 l/h (cursor).
func Render(out string, cols int) Screen {
	var s Screen
	var grid [][]string
	row, col := 0, 0
	cell := func(r, c int) *string {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		for len(grid[r]) <= c {
			grid[r] = append(grid[r], " ")
		}
		return &grid[r][c]
	}
	for i := 0; i < len(out); {
		switch c := out[i]; c {
		case '\r':
			col, i = 0, i+1
		case '\n':
			row, i = row+1, i+1
		case '\b':
			col, i = max(col-1, 0), i+1
		case '\t':
			col, i = min((col/8+1)*8, cols-1), i+1
		case '\x1b':
			n := s.escape(out[i:], func(mode int) { // erase in line
				from, to := col, cols
				switch mode {
				case 1:
					from, to = 0, col+1
				case 2:
					from = 0
				}
				for c := from; c < to; c++ {
					*cell(row, c) = " "
				}
			})
			i += n
		default:
			if c < 0x20 || c == 0x7f {
				i++
				continue
			}
			g, _, _, _ := uniseg.FirstGraphemeClusterInString(out[i:], -1)
			if j := strings.IndexAny(g, "\x1b\r\n\b\t"); j > 0 {
				g = g[:j]
			}
			w := uniseg.StringWidth(g)
			if col+w > cols {
				row, col = row+1, 0
				s.Wraps++
			}
			*cell(row, col) = g
			for k := 1; k < w; k++ {
				*cell(row, col+k) = ""
			}
			col += w
			i += len(g)
		}
	}
	for _, cells := range grid {
		s.Lines = append(s.Lines, strings.TrimRight(strings.Join(cells, ""), " "))
	}
	for len(s.Lines) > 0 && s.Lines[len(s.Lines)-1] == "" {
		s.Lines = s.Lines[:len(s.Lines)-1]
	}
	return s
}

// escape interprets the escape sequence at the start of p and returns its
// length.
func (s *Screen) escape(p string, erase func(mode int)) int {
	if len(p) < 2 || p[1] != '[' {
		s.Unknown = append(s.Unknown, p[:min(len(p), 2)])
		return min(len(p), 2)
	}
	end := 2
	for end < len(p) && (p[end] < 0x40 || p[end] > 0x7e) {
		end++
	}
	if end == len(p) {
		s.Unknown = append(s.Unknown, p)
		return len(p)
	}
	params, final := p[2:end], p[end]
	switch {
	case final == 'K':
		mode, _ := strconv.Atoi(params)
		erase(mode)
	case final == 'm':
		s.Coloured = false
		for _, f := range strings.Split(params, ";") {
			if f != "" && f != "0" {
				s.Coloured = true
			} else {
				s.Coloured = false
			}
		}
	case params == "?25" && final == 'l':
		s.CursorHidden = true
	case params == "?25" && final == 'h':
		s.CursorHidden = false
	default:
		s.Unknown = append(s.Unknown, p[:end+1])
	}
	return end + 1
}
