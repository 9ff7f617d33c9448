package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// search is GET /search?q=words: a compact JSON array of the characters whose
// names hold every word, in code point order, at most lim.maxResults of them
// (X-Total-Count says how many there are). q= gives []; a missing q is a 422
// and an overlong one a 400, each with a JSON {"error": ...}.
func (f *finder) search(w http.ResponseWriter, r *http.Request) {
	qs := r.URL.Query()
	if !qs.Has("q") {
		jsonError(w, http.StatusUnprocessableEntity, "missing query parameter q")
		return
	}
	q := qs.Get("q")
	if len(q) > f.lim.maxQuery {
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("query too long: the limit is %d bytes", f.lim.maxQuery))
		return
	}
	chars, total := f.lookup(q)
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	writeJSON(w, http.StatusOK, chars)
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// writeJSON writes v as compact JSON with raw UTF-8 (no \u escapes, no HTML
// escaping: the content type keeps browsers from reading it as HTML).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
