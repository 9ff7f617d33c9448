// Package download is the machinery of the book's flags2 and flags3
// downloaders (Fluent Python, 2nd edition, chapters 20 and 21), on tulip:
// a per-flag job (one GET, or a GET for the image and one for its
// metadata.json), three ways to run many of them (sequential, an executor
// with as-completed, tasks bounded by a semaphore with as-completed), atomic
// saving off the download path, the book's command line and reports, and a
// progress bar.
//
// Every requested code ends in exactly one Status, whatever happens: a 404 is
// NotFound, any other HTTP status, a transport error, a timeout or an
// interruption is Error. The counts always add up to the number requested.
package download
