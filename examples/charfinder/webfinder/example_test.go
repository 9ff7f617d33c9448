package main

import (
	"fmt"
	"io"
	"log"
	"net/http/httptest"
)

// The JSON API: characters in code point order, raw UTF-8.
func Example_search() {
	f := &finder{ix: fullIndex(), lim: defaultLimits, log: log.New(io.Discard, "", 0)}
	rec := httptest.NewRecorder()
	f.handler().ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=cat+smiling", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("X-Total-Count"))
	fmt.Println(rec.Body.String())
	// Output:
	// 200 application/json 3
	// [{"char":"😸","name":"GRINNING CAT FACE WITH SMILING EYES","code":"U+1F638"},{"char":"😺","name":"SMILING CAT FACE WITH OPEN MOUTH","code":"U+1F63A"},{"char":"😻","name":"SMILING CAT FACE WITH HEART-SHAPED EYES","code":"U+1F63B"}]
}
