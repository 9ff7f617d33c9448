package site

import (
	"fmt"
	"net/http"
)

// teapotBody is the HTML page sent with a 418, like Python's send_error.
const teapotBody = `<!DOCTYPE HTML>
<html lang="en">
<head><meta charset="utf-8"><title>Error response</title></head>
<body>
<h1>Error response</h1>
<p>Error code: 418</p>
<p>Message: I'm a Teapot.</p>
</body>
</html>
`

// writeTeapot answers 418 with the book's reason phrase, "I'm a Teapot"
// (net/http would send its own, "I'm a teapot"): on HTTP/1.x it takes over
// the connection to write the status line itself, then closes it, as the
// book's HTTP/1.0 server does. Where it cannot (HTTP/2, a recorder), it
// answers through w with net/http's phrase.
func writeTeapot(w http.ResponseWriter, r *http.Request) {
	if r.ProtoMajor == 1 {
		if conn, buf, err := http.NewResponseController(w).Hijack(); err == nil {
			defer conn.Close()
			fmt.Fprintf(buf, "HTTP/1.1 418 I'm a Teapot\r\n"+
				"Content-Type: text/html; charset=utf-8\r\n"+
				"Content-Length: %d\r\n"+
				"Connection: close\r\n\r\n", len(teapotBody))
			if r.Method != http.MethodHead {
				_, _ = buf.WriteString(teapotBody)
			}
			_ = buf.Flush() // a failed write means the client went away
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusTeapot)
	if r.Method != http.MethodHead {
		_, _ = fmt.Fprint(w, teapotBody)
	}
}
