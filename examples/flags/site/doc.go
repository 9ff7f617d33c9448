// Package site is the book's flag web site, embedded: the data set of the
// flag downloaders (Fluent Python, chapters 20 and 21), with its URL layout,
// its metadata.json files and generated GIF images for 194 countries, and the
// behaviours of the book's test servers: LOCAL (at once), DELAY (every request
// waits) and ERROR (waits, and a share of requests get 418 I'm a Teapot).
//
// A Site is an http.Handler: serve it in-process for tests and for the
// downloaders' offline default, or on the book's ports with the flagserver
// command. Its randomness is seedable (WithSeed), so a test knows exactly
// which requests fail.
//
//	s, _ := site.New(site.Delay())
//	srv := s.Start(listener) // srv.URL is the base URL, http://127.0.0.1:port/flags
//	defer srv.Close()
package site
