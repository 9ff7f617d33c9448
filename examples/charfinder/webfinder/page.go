package main

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

// samples are the 1st edition's suggested queries, shown while the box is empty.
var samples = []string{"bismillah", "chess", "cat", "circled", "Malayalam digit", "Roman", "face",
	"Ethiopic", "black mark", "symbol", "dot operator", "Braille", "hexagram"}

// pageData is what the page template shows.
type pageData struct {
	Query          string
	Caption        string
	Rows           []char
	Samples        []string
	MaxQuery       int
	UnicodeVersion string
}

// page is GET / and GET /?q=words: the search page, with the results for q
// rendered on the server so it works without JavaScript.
func (f *finder) page(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	d := pageData{Query: q, Samples: samples, MaxQuery: f.lim.maxQuery, UnicodeVersion: index.UnicodeVersion}
	status := http.StatusOK
	switch {
	case len(q) > f.lim.maxQuery:
		status = http.StatusBadRequest
		d.Caption = fmt.Sprintf("Query too long: the limit is %d bytes.", f.lim.maxQuery)
	case strings.TrimFunc(q, index.IsPySpace) == "":
		d.Caption = "Enter words describing characters."
	default:
		var total int
		d.Rows, total = f.lookup(q)
		d.Caption = countText(total, len(d.Rows))
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, d); err != nil {
		f.log.Printf("page: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// countText is the caption: "1 character found", "N characters found", and
// how many are shown when the answer was cut to the result limit.
func countText(total, shown int) string {
	s := fmt.Sprintf("%d characters found", total)
	if total == 1 {
		s = "1 character found"
	}
	if shown < total {
		s += fmt.Sprintf(" (first %d shown)", shown)
	}
	return s
}
