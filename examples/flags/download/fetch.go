package download

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout is the book's HTTP timeout, per request.
const DefaultTimeout = 3100 * time.Millisecond

// maxBody bounds what one response may hold: flags are a few KiB.
const maxBody = 10 << 20

// HTTPError is an answer other than 200 OK.
type HTTPError struct {
	Code   int    // the status code: 404, 418, ...
	Reason string // the server's reason phrase: "I'm a Teapot"
	URL    string
}

// Error reads like the book's verbose line: "HTTP error 418 - I'm a Teapot".
func (e *HTTPError) Error() string { return fmt.Sprintf("HTTP error %d - %s", e.Code, e.Reason) }

// NewClient returns an HTTP client for conns concurrent requests: it keeps up
// to conns idle connections to reuse, gives each request timeout (0: none),
// and follows redirects. dial, if not nil, replaces the network dialer (tests
// use a site.PipeListener). Call CloseIdleConnections when done.
func NewClient(conns int, timeout time.Duration, dial func(ctx context.Context, network, addr string) (net.Conn, error)) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = conns
	tr.MaxIdleConnsPerHost = conns
	if dial != nil {
		tr.DialContext = dial
	}
	return &http.Client{Transport: tr, Timeout: timeout}
}

// get fetches url and returns its body, or an *HTTPError for any status but
// 200, or the transport's error.
func get(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody)) // so the connection can be reused
		reason := strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)+" ")
		return nil, &HTTPError{Code: resp.StatusCode, Reason: reason, URL: resp.Request.URL.String()}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBody {
		return nil, fmt.Errorf("%s: response larger than %d bytes", url, maxBody)
	}
	return body, nil
}
