package site

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Prefix is the path under which a Site serves its files, as the book's
// servers do: {base}/{cc}/{cc}.gif with base = http://host:port/flags.
const Prefix = "/flags"

// Site is the book's flag site as an http.Handler: for each of the 194
// countries, {Prefix}/{cc}/{cc}.gif and {Prefix}/{cc}/metadata.json (cc lower
// case), plus {Prefix}/country_codes.txt; 404 for anything else. Every request,
// found or not, first gets the Behaviour's delay and chance of a 418.
//
// A Site is safe for concurrent use. Its files are generated on first request
// and kept (see Warm). A delayed answer is sent its delay after the request
// arrived, however long generating it took.
type Site struct {
	b      Behaviour
	seed   uint64
	log    io.Writer
	logMu  sync.Mutex
	byCode map[string]*entry
	codes  []byte
	mu     sync.Mutex
	visits map[string]uint64 // requests so far per path, for the random draws (bounded: see visitKey)
}

type entry struct {
	country  Country
	once     sync.Once
	gif      []byte
	metadata []byte
}

// Option configures a Site.
type Option func(*Site)

// WithSeed makes the site's delays and errors a function of the seed, the
// path and how many times that path was asked for before: the same requests
// give the same answers whatever their order or concurrency. Without it the
// seed is random.
func WithSeed(seed uint64) Option { return func(s *Site) { s.seed = seed } }

// WithLog makes the site log each delayed request to w as the book's
// slow_server does: "BR delay: 0.62s" (two significant digits).
func WithLog(w io.Writer) Option { return func(s *Site) { s.log = w } }

// New returns a site with behaviour b. It returns an error if b is invalid.
func New(b Behaviour, opts ...Option) (*Site, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	s := &Site{b: b, seed: rand.Uint64(), byCode: make(map[string]*entry), visits: make(map[string]uint64)}
	for _, o := range opts {
		o(s)
	}
	for _, c := range Countries() {
		s.byCode[strings.ToLower(c.ISO)] = &entry{country: c}
	}
	s.codes = []byte(strings.Join(Codes(), "\n") + "\n")
	return s, nil
}

// Behaviour returns the site's behaviour.
func (s *Site) Behaviour() Behaviour { return s.b }

// ServeHTTP answers GET and HEAD requests under Prefix.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	arrived := time.Now()
	delay, teapot := s.draw(r.URL.Path)
	body, ctype, ok := s.file(r.URL.Path) // first, so the answer leaves delay after arrival
	if delay > 0 {
		s.logDelay(r.URL.Path, delay)
		t := time.NewTimer(delay - time.Since(arrived))
		select {
		case <-t.C:
		case <-r.Context().Done(): // the client gave up, or the server is closing
			t.Stop()
			return
		}
	}
	if teapot {
		writeTeapot(w, r)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body) // a failed write means the client went away
}

// Warm generates every file now rather than on first request, so that the
// first requests do not pay for it (194 GIF encodings: a few tens of
// milliseconds).
func (s *Site) Warm() {
	for _, e := range s.byCode {
		e.build()
	}
}

// file returns the body and content type of a path, if the site has it.
func (s *Site) file(path string) (body []byte, ctype string, ok bool) {
	rest, ok := strings.CutPrefix(path, Prefix+"/")
	if !ok {
		return nil, "", false
	}
	if rest == "country_codes.txt" {
		return s.codes, "text/plain; charset=utf-8", true
	}
	cc, name, ok := strings.Cut(rest, "/")
	e := s.byCode[cc]
	if !ok || e == nil {
		return nil, "", false
	}
	switch name {
	case cc + ".gif":
		e.build()
		return e.gif, "image/gif", true
	case "metadata.json":
		e.build()
		return e.metadata, "application/json", true
	}
	return nil, "", false
}

func (e *entry) build() {
	e.once.Do(func() {
		e.gif = encodeFlag(e.country.ordinal)
		e.metadata = metadataJSON(e.country)
	})
}

// metadataJSON formats c as the book's files do (Python's json.dumps):
// {"tld_cc": ".br", "iso_cc": "BR", "country": "Brazil", "gec_cc": "BR"}
func metadataJSON(c Country) []byte {
	q := func(v string) string {
		b, _ := json.Marshal(v) // a string always marshals
		return string(b)
	}
	return fmt.Appendf(nil, `{"tld_cc": %s, "iso_cc": %s, "country": %s, "gec_cc": %s}`,
		q(c.TLD), q(c.ISO), q(c.Name), q(c.GEC))
}

// draw returns the delay and the 418 decision for one request to path.
func (s *Site) draw(path string) (time.Duration, bool) {
	if s.b.MaxDelay == 0 && s.b.ErrorRate == 0 {
		return 0, false
	}
	s.mu.Lock()
	key := visitKey(path)
	n := s.visits[key]
	s.visits[key] = n + 1
	s.mu.Unlock()
	h := fnv.New64a()
	_, _ = io.WriteString(h, path)
	rng := rand.New(rand.NewPCG(s.seed, h.Sum64()+n))
	delay := s.b.MinDelay
	if span := s.b.MaxDelay - s.b.MinDelay; span > 0 {
		delay += time.Duration(rng.Int64N(int64(span) + 1))
	}
	return delay, rng.Float64() < s.b.ErrorRate
}

// visitKey is the path itself for the paths a downloader asks for,
// {Prefix}/{xx}/{xx}.gif and {Prefix}/{xx}/metadata.json for any two
// lower-case letters xx (so -e runs are as exact as -a runs), and one shared
// key for anything else, so that no request can grow the table without
// bound.
func visitKey(path string) string {
	rest, ok := strings.CutPrefix(path, Prefix+"/")
	if !ok || len(rest) < 3 || rest[2] != '/' || !lowerLetter(rest[0]) || !lowerLetter(rest[1]) {
		return ""
	}
	if file := rest[3:]; file == rest[:2]+".gif" || file == "metadata.json" {
		return path
	}
	return ""
}

func lowerLetter(b byte) bool { return 'a' <= b && b <= 'z' }

func (s *Site) logDelay(path string, d time.Duration) {
	if s.log == nil {
		return
	}
	cc := strings.TrimPrefix(path, Prefix+"/")
	cc, _, _ = strings.Cut(cc, "/")
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, "%s delay: %ss\n", strings.ToUpper(cc), twoDigits(d.Seconds()))
}

// twoDigits formats x like Python's f"{x:0.2}": two significant digits, and a
// ".0" when that leaves an integer (2.0, 0.62, 1.2).
func twoDigits(x float64) string {
	s := strconv.FormatFloat(x, 'g', 2, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
