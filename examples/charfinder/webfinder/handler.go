package main

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"

	"github.com/tulipgo/tulip/examples/charfinder/index"
)

//go:embed assets
var assets embed.FS

// pageTemplate is the one page, parsed once.
var pageTemplate = template.Must(template.ParseFS(assets, "assets/page.html"))

// limits bound what one request can cost.
type limits struct {
	maxQuery   int // longest q, in bytes
	maxResults int // most characters in one answer (the total is in X-Total-Count)
}

var defaultLimits = limits{maxQuery: 200, maxResults: 1000}

// finder serves the page, the JSON search and the static assets.
type finder struct {
	ix  *index.Index
	lim limits
	log *log.Logger
}

// handler routes: GET / (the page, with ?q= its results rendered on the
// server), GET /search?q= (JSON), GET /static/ (the embedded CSS and script).
func (f *finder) handler() http.Handler {
	static, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", f.page)
	mux.HandleFunc("GET /search", f.search)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	return securityHeaders(mux)
}

// securityHeaders sets the headers every response carries: no sniffing, and
// a content security policy that allows only this origin's script and style.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		h.ServeHTTP(w, r)
	})
}

// char is one result as JSON: {"char":"♜","name":"BLACK CHESS ROOK","code":"U+265C"}.
type char struct {
	Char string `json:"char"`
	Name string `json:"name"`
	Code string `json:"code"`
}

func newChar(r rune) char {
	return char{Char: string(r), Name: index.Name(r), Code: fmt.Sprintf("U+%04X", r)}
}

// lookup runs query and returns at most lim.maxResults characters and the total.
func (f *finder) lookup(query string) (chars []char, total int) {
	found := f.ix.Search(query)
	chars = make([]char, 0, min(len(found), f.lim.maxResults))
	for _, r := range found[:min(len(found), f.lim.maxResults)] {
		chars = append(chars, newChar(r))
	}
	return chars, len(found)
}
