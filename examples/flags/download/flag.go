package download

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/tulipgo/tulip/semaphore"
)

// Downloader fetches flags from one site and saves them.
type Downloader struct {
	Client  *http.Client
	BaseURL string // the site's base URL, without a trailing slash: http://127.0.0.1:8000/flags
	Saver   *Saver
}

// Job downloads the flag of one country code and reports its outcome; it
// never fails otherwise. limit, when not nil, is held around each request
// (the book's `async with semaphore:`) and released before the file is
// saved.
type Job func(ctx context.Context, cc string, limit *semaphore.Semaphore) Result

// get fetches url holding limit, if any.
func (d *Downloader) get(ctx context.Context, url string, limit *semaphore.Semaphore) ([]byte, error) {
	if limit != nil {
		if err := limit.Acquire(ctx); err != nil {
			return nil, err
		}
		defer limit.Release()
	}
	return get(ctx, d.Client, url)
}

// flagURL is {base}/{cc}/{cc}.gif, cc lower case.
func (d *Downloader) flagURL(cc string) string {
	lc := strings.ToLower(cc)
	return d.BaseURL + "/" + lc + "/" + lc + ".gif"
}

// outcome turns an error into the book's status: 404 is NotFound, anything
// else Error.
func outcome(cc string, err error) Result {
	if err == nil {
		return Result{CC: cc, Status: OK}
	}
	var he *HTTPError
	if errors.As(err, &he) && he.Code == http.StatusNotFound {
		return Result{CC: cc, Status: NotFound, URL: he.URL}
	}
	return Result{CC: cc, Status: Error, Err: err}
}

// Flag is flags2's job: GET {base}/{cc}/{cc}.gif, saved as {CC}.gif.
func (d *Downloader) Flag(ctx context.Context, cc string, limit *semaphore.Semaphore) Result {
	cc = strings.ToUpper(cc)
	image, err := d.get(ctx, d.flagURL(cc), limit)
	if err == nil {
		err = d.Saver.Save(ctx, cc+".gif", image)
	}
	return outcome(cc, err)
}

// FlagWithCountry is flags3's job: GET the flag, then, as a second request
// under the same limit, {base}/{cc}/metadata.json; the flag is saved as
// {country}.gif, spaces replaced by underscores (Brazil.gif,
// United_Kingdom.gif). Each flag's error is its own (the book's 2e flags3
// lets one failure leak into the count of every later flag).
func (d *Downloader) FlagWithCountry(ctx context.Context, cc string, limit *semaphore.Semaphore) Result {
	cc = strings.ToUpper(cc)
	image, err := d.get(ctx, d.flagURL(cc), limit)
	if err != nil {
		return outcome(cc, err)
	}
	lc := strings.ToLower(cc)
	raw, err := d.get(ctx, d.BaseURL+"/"+lc+"/metadata.json", limit)
	if err != nil {
		return outcome(cc, err)
	}
	var meta struct {
		Country string `json:"country"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return outcome(cc, fmt.Errorf("metadata.json: %w", err))
	}
	name := strings.Trim(strings.NewReplacer(" ", "_", "/", "_", `\`, "_").Replace(meta.Country), ".")
	if name == "" {
		return outcome(cc, errors.New("metadata.json: no country name"))
	}
	return outcome(cc, d.Saver.Save(ctx, name+".gif", image))
}
