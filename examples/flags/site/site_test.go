package site

import (
	"bytes"
	"context"
	"encoding/json"
	"image/gif"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

const issueCodes = `AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO
CR CU CV CY CZ DE DJ DK DM DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE
IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML
MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SD
SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS
YE ZA ZM ZW`

func TestCodes(t *testing.T) {
	require.Equal(t, strings.Fields(issueCodes), Codes())
	gecs := map[string]string{}
	for _, c := range Countries() {
		require.Len(t, c.GEC, 2, c.ISO)
		require.NotEmpty(t, c.Name, c.ISO)
		require.Empty(t, gecs[c.GEC], "GEC %s used by %s and %s", c.GEC, gecs[c.GEC], c.ISO)
		gecs[c.GEC] = c.ISO
	}
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func newSite(t *testing.T, b Behaviour, opts ...Option) *Site {
	t.Helper()
	s, err := New(b, opts...)
	require.NoError(t, err)
	return s
}

func TestMetadata(t *testing.T) {
	s := newSite(t, Local())
	for path, want := range map[string]string{
		"/flags/br/metadata.json": `{"tld_cc": ".br", "iso_cc": "BR", "country": "Brazil", "gec_cc": "BR"}`,
		"/flags/cd/metadata.json": `{"tld_cc": ".cd", "iso_cc": "CD", "country": "Congo (Kinshasa)", "gec_cc": "CG"}`,
		"/flags/gb/metadata.json": `{"tld_cc": ".uk", "iso_cc": "GB", "country": "United Kingdom", "gec_cc": "UK"}`,
	} {
		rec := get(t, s, path)
		require.Equal(t, http.StatusOK, rec.Code, path)
		require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
		require.Equal(t, want, rec.Body.String())
	}
	for _, c := range Countries() {
		rec := get(t, s, "/flags/"+strings.ToLower(c.ISO)+"/metadata.json")
		var m map[string]string
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m))
		require.Equal(t, map[string]string{"tld_cc": c.TLD, "iso_cc": c.ISO, "country": c.Name, "gec_cc": c.GEC}, m)
	}
}

func TestGIFs(t *testing.T) {
	s := newSite(t, Local())
	seen := map[string]string{}
	for _, cc := range Codes() {
		lc := strings.ToLower(cc)
		rec := get(t, s, "/flags/"+lc+"/"+lc+".gif")
		require.Equal(t, http.StatusOK, rec.Code, cc)
		require.Equal(t, "image/gif", rec.Header().Get("Content-Type"))
		body := rec.Body.String()
		img, err := gif.Decode(strings.NewReader(body))
		require.NoError(t, err, cc)
		require.Equal(t, flagWidth, img.Bounds().Dx())
		require.Empty(t, seen[body], "%s has the same flag as %s", cc, seen[body])
		seen[body] = cc
		again, _ := New(Local())
		require.Equal(t, body, get(t, again, "/flags/"+lc+"/"+lc+".gif").Body.String(), "deterministic")
	}
}

func TestNotFound(t *testing.T) {
	s := newSite(t, Local())
	for _, path := range []string{"/flags/zz/zz.gif", "/flags/BR/BR.gif", "/flags/br/xx.gif", "/flags/br",
		"/flags/br/", "/br/br.gif", "/flags/", "/flags/br/metadata.json/x"} {
		require.Equal(t, http.StatusNotFound, get(t, s, path).Code, path)
	}
	rec := get(t, s, "/flags/country_codes.txt")
	require.Equal(t, strings.Join(Codes(), "\n")+"\n", rec.Body.String())

	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/flags/br/br.gif", nil))
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)

	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/flags/br/br.gif", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Empty(t, rec.Body.String())
	require.NotEmpty(t, rec.Header().Get("Content-Length"))
}

func TestBehaviour(t *testing.T) {
	for _, label := range []string{"local", "Delay", "ERROR"} {
		b, ok := ByLabel(label)
		require.True(t, ok)
		require.NoError(t, b.Validate())
	}
	_, ok := ByLabel("REMOTE")
	require.False(t, ok)
	require.Equal(t, "delay 500ms..5s, 25% errors", Error().String())
	require.Equal(t, "delay 500ms", Delay().String())
	require.Equal(t, "no delay", Local().String())
	for _, b := range []Behaviour{{MinDelay: -1}, {MinDelay: 2, MaxDelay: 1}, {ErrorRate: 1.5}, {ErrorRate: -0.1}} {
		_, err := New(b)
		require.Error(t, err, b)
	}
}

func TestTwoDigits(t *testing.T) {
	for x, want := range map[float64]string{0.62: "0.62", 0.5: "0.5", 2: "2.0", 1.234: "1.2", 4.99: "5.0", 0.0123: "0.012"} {
		require.Equal(t, want, twoDigits(x), x)
	}
}

// pipeClient serves s on a PipeListener and returns a client for it.
func pipeClient(t *testing.T, s *Site) (*http.Client, *Server) {
	t.Helper()
	l := NewPipeListener()
	srv := s.Start(l)
	tr := &http.Transport{DialContext: l.DialContext}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		require.NoError(t, srv.Close())
	})
	return &http.Client{Transport: tr}, srv
}

func TestDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log bytes.Buffer
		s := newSite(t, Behaviour{MinDelay: 620 * time.Millisecond, MaxDelay: 620 * time.Millisecond}, WithLog(&log))
		c, srv := pipeClient(t, s)
		start := time.Now()
		resp, err := c.Get(srv.URL + "/br/br.gif")
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.Equal(t, 620*time.Millisecond, time.Since(start))
		require.Equal(t, "BR delay: 0.62s\n", log.String())
	})
}

// outcomes asks for every flag once, all at the same time, and counts the
// statuses.
func outcomes(t *testing.T, c *http.Client, base string) map[int]int {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[int]int{}
	for _, cc := range Codes() {
		lc := strings.ToLower(cc)
		wg.Go(func() {
			resp, err := c.Get(base + "/" + lc + "/" + lc + ".gif")
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			counts[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return counts
}

func TestErrorSeeded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSite(t, Error(), WithSeed(7))
		c, srv := pipeClient(t, s)
		start := time.Now()
		first := outcomes(t, c, srv.URL)
		require.LessOrEqual(t, time.Since(start), 5*time.Second)
		require.Equal(t, 194, first[200]+first[418])
		require.InDelta(t, 194/4, first[418], 20)

		again := newSite(t, Error(), WithSeed(7))
		c2, srv2 := pipeClient(t, again)
		require.Equal(t, first, outcomes(t, c2, srv2.URL), "same seed, same answers")
	})
}

func TestTeapotLoopback(t *testing.T) {
	s := newSite(t, Behaviour{ErrorRate: 1})
	srv, err := s.Listen("127.0.0.1:0")
	require.NoError(t, err)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/br/br.gif")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, "418 I'm a Teapot", resp.Status)
	require.Contains(t, string(body), "Error code: 418")
	http.DefaultClient.CloseIdleConnections()
}

func TestLoopbackFiles(t *testing.T) {
	s := newSite(t, Local())
	srv, err := s.Listen("127.0.0.1:0")
	require.NoError(t, err)
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	require.Equal(t, map[int]int{200: 194}, outcomes(t, c, srv.URL))
	resp, err := c.Get(srv.URL + "/aa/aa.gif")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestCloseCancelsDelayed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSite(t, Behaviour{MinDelay: time.Hour, MaxDelay: time.Hour})
		l := NewPipeListener()
		srv := s.Start(l)
		tr := &http.Transport{DialContext: l.DialContext}
		defer tr.CloseIdleConnections()
		errc := make(chan error, 1)
		go func() {
			_, err := (&http.Client{Transport: tr}).Get(srv.URL + "/br/br.gif")
			errc <- err
		}()
		time.Sleep(time.Second) // let the request reach its delay
		synctest.Wait()
		require.NoError(t, srv.Close())
		require.Error(t, <-errc)
		require.NoError(t, srv.Close(), "twice")
		_, err := l.DialContext(context.Background(), "", "")
		require.Error(t, err)
	})
}

func TestVisitKey(t *testing.T) {
	for path, want := range map[string]string{
		"/flags/br/br.gif":        "/flags/br/br.gif",
		"/flags/zz/zz.gif":        "/flags/zz/zz.gif",
		"/flags/zz/metadata.json": "/flags/zz/metadata.json",
		"/flags/br/jp.gif":        "",
		"/flags/BR/BR.gif":        "",
		"/flags/b/b.gif":          "",
		"/random/junk":            "",
		"/flags/":                 "",
	} {
		require.Equal(t, want, visitKey(path), path)
	}
}
