package download

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// initialReport prints the book's header:
//
//	LOCAL site: http://127.0.0.1:8000/flags
//	Searching for 20 flags: from BD to VN
//	5 concurrent connections will be used.
func initialReport(w io.Writer, label, url string, codes []string, conns int) {
	fmt.Fprintf(w, "%s site: %s\n", label, url)
	var which string
	switch {
	case len(codes) == 0:
		which = "none"
	case len(codes) <= 10:
		which = strings.Join(codes, ", ")
	default:
		which = "from " + codes[0] + " to " + codes[len(codes)-1]
	}
	fmt.Fprintf(w, "Searching for %d flag%s: %s\n", len(codes), plural(len(codes)), which)
	if conns == 1 {
		fmt.Fprintln(w, "1 connection will be used.")
	} else {
		fmt.Fprintf(w, "%d concurrent connections will be used.\n", conns)
	}
}

// finalReport prints the book's summary:
//
//	--------------------
//	 20 flags downloaded.
//	  9 not found.
//	  1 error.
//	Elapsed time: 0.90s
func finalReport(w io.Writer, c Counts, elapsed time.Duration) {
	fmt.Fprintln(w, strings.Repeat("-", 20))
	fmt.Fprintf(w, "%3d flag%s downloaded.\n", c.OK, plural(c.OK))
	if c.NotFound > 0 {
		fmt.Fprintf(w, "%3d not found.\n", c.NotFound)
	}
	if c.Error > 0 {
		fmt.Fprintf(w, "%3d error%s.\n", c.Error, plural(c.Error))
	}
	fmt.Fprintf(w, "Elapsed time: %.2fs\n", elapsed.Seconds())
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
