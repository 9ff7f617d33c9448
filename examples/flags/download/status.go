package download

import (
	"errors"
	"fmt"
	"net/url"
)

// Status is the outcome of one flag: the book's DownloadStatus.
type Status int

const (
	OK       Status = iota // downloaded and saved
	NotFound               // the site answered 404
	Error                  // any other status, a transport error, a timeout, an interruption
)

// String returns the book's name of the status: OK, NOT_FOUND, ERROR.
func (s Status) String() string {
	switch s {
	case OK:
		return "OK"
	case NotFound:
		return "NOT_FOUND"
	case Error:
		return "ERROR"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is the outcome of one flag.
type Result struct {
	CC     string // the country code asked for, upper case
	Status Status
	URL    string // the URL that answered 404, for NotFound
	Err    error  // the cause, for Error
}

// Line returns the book's verbose line for r: "BR OK", "ZZ not found: URL",
// "JP error: HTTP error 418 - I'm a Teapot".
func (r Result) Line() string {
	switch r.Status {
	case OK:
		return r.CC + " OK"
	case NotFound:
		return r.CC + " not found: " + r.URL
	}
	return r.CC + " error: " + cause(r.Err)
}

// cause is the text of err without net/http's `Get "URL": ` wrapping, which
// the verbose line does not need: "context deadline exceeded (Client.Timeout
// exceeded while awaiting headers)".
func cause(err error) string {
	if err == nil {
		return "unknown error"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// Counts is the number of flags per status.
type Counts struct {
	OK, NotFound, Error int
}

// Add counts one result.
func (c *Counts) Add(s Status) {
	switch s {
	case OK:
		c.OK++
	case NotFound:
		c.NotFound++
	default:
		c.Error++
	}
}

// Total is the number of flags counted.
func (c Counts) Total() int { return c.OK + c.NotFound + c.Error }
