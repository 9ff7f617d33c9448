package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// chromium finds the browser: Debian's chromium package (which .ci/run
// installs). Without it the test skips, except under CI=true, where it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium not found: install Debian's chromium package to run the browser test")
	return ""
}

// newBrowser starts headless Chromium with a fresh profile, allowed to reach
// nothing but 127.0.0.1.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		bcancel()
		chromedp.Cancel(bctx) // waits for the browser to exit
	})
	require.NoError(t, chromedp.Do(bctx)) // start it
	return bctx
}

// shown waits until the table shows the results for query and returns the
// caption and the rows' cells.
func shown(t *testing.T, tab context.Context, query string) (caption string, rows [][]string) {
	t.Helper()
	_, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](
		fmt.Sprintf(`document.getElementById("results").dataset.query === %q`, query),
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "results for %q never shown", query)
	caption, err = chromedp.Run(tab, chromedp.Text(chromedp.ID("caption")))
	require.NoError(t, err)
	rows, err = chromedp.Run(tab, chromedp.Evaluate[[][]string](
		`[...document.querySelectorAll("#rows tr")].map(tr => [...tr.cells].map(td => td.textContent))`))
	require.NoError(t, err)
	return caption, rows
}

// typeQuery empties the search box and types q into it. (It empties the box
// with a script: chromedp v0.23.1's SetValue cannot set "", as it sends the
// empty argument as undefined.)
func typeQuery(t *testing.T, tab context.Context, q string) {
	t.Helper()
	_, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(document.getElementById("q").value = "", true)`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("q"), q)))
}

// TestBrowser types queries into the page in a real browser, with
// JavaScript (live results from /search) and without (the form's page load).
func TestBrowser(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	base := startServer(t, defaultLimits, defaultTimeouts)

	t.Run("JavaScript", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		require.NoError(t, chromedp.Do(tab,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("q"))))
		js, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.documentElement.dataset.js || ""`))
		require.NoError(t, err)
		require.Equal(t, "on", js)

		typeQuery(t, tab, "cat face")
		caption, rows := shown(t, tab, "cat face")
		require.Equal(t, "10 characters found", caption)
		require.Len(t, rows, 10)
		require.Equal(t, []string{"U+1F431", "🐱", "CAT FACE"}, rows[0])

		// Each of these finds nothing when sent as typed; sent without
		// encoding, the server would see "cat face" (and answer 10).
		for _, q := range []string{"cat face #", "cat face &q=x", "cat+face", "chess black turned rook ♜"} {
			typeQuery(t, tab, q)
			caption, rows := shown(t, tab, q)
			require.Equal(t, "0 characters found", caption, q)
			require.Empty(t, rows, q)
			search, err := chromedp.Run(tab, chromedp.Evaluate[string](`location.search`))
			require.NoError(t, err)
			got, err := url.ParseQuery(strings.TrimPrefix(search, "?"))
			require.NoError(t, err)
			require.Equal(t, q, got.Get("q"), "the page's URL keeps the query")
		}

		q := "ſun black" // non-ASCII that upper-cases to ASCII, as in Python: "SUN BLACK"
		typeQuery(t, tab, q)
		caption, rows = shown(t, tab, q)
		require.Equal(t, "1 character found", caption)
		require.Equal(t, [][]string{{"U+2600", "☀", "BLACK SUN WITH RAYS"}}, rows)
	})

	t.Run("no JavaScript", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		q := "chess black turned rook #&+"
		_, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		require.NoError(t, err)
		require.NoError(t, chromedp.Do(tab,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), q+"\r"), // Enter submits the form
			chromedp.WaitVisible(chromedp.CSS(`#results[data-query]:not([data-query=""])`))))
		loc, err := chromedp.Run(tab, chromedp.Location())
		require.NoError(t, err)
		value, err := chromedp.Run(tab, chromedp.Value(chromedp.ID("q")))
		require.NoError(t, err)
		html, err := chromedp.Run(tab, chromedp.OuterHTML(chromedp.CSS("html")))
		require.NoError(t, err)
		require.NotContains(t, html, `data-js="on"`, "scripts ran")
		require.Equal(t, q, value)
		u, err := url.Parse(loc)
		require.NoError(t, err)
		require.Equal(t, "/", u.Path)
		require.Equal(t, q, u.Query().Get("q"))
		require.Contains(t, html, `<caption id="caption">0 characters found</caption>`)

		q = "chess black turned rook"
		require.NoError(t, chromedp.Do(tab,
			chromedp.Navigate(base+"/?q="+url.QueryEscape(q)),
			chromedp.WaitVisible(chromedp.CSS("#rows tr"))))
		html, err = chromedp.Run(tab, chromedp.OuterHTML(chromedp.ID("results")))
		require.NoError(t, err)
		require.Contains(t, html, "1 character found")
		require.Contains(t, html, "BLACK CHESS TURNED ROOK")
	})
}
