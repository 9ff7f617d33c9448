package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/tulipgo/tulip/examples/flags/site"
)

// Command is one downloader program: flags2 or flags3.
type Command struct {
	Name     string   // the program's name, for usage and errors
	Strategy Strategy // the default --strategy
	// Job returns the per-flag job of a downloader: (*Downloader).Flag or
	// (*Downloader).FlagWithCountry.
	Job func(*Downloader) Job
}

// Env is what a Command runs in: its outputs, its working directory and,
// for tests, how the embedded site is reached.
type Env struct {
	Stdout, Stderr io.Writer
	// Dir is the working directory: flags are saved in Dir/downloaded. Empty
	// means the process's working directory.
	Dir string
	// Terminal says Stderr is a terminal: the progress bar is drawn there
	// unless -v is given.
	Terminal bool
	// Listen makes the embedded site's listener; nil means a free port on
	// 127.0.0.1.
	Listen func() (net.Listener, error)
	// Dial replaces the HTTP client's dialer (with Listen, to serve the site
	// on a site.PipeListener); nil means the network's.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// SiteOptions configure the embedded site (site.WithSeed in tests).
	SiteOptions []site.Option
	// forceTTY draws the bar on a Stderr that is not a terminal (tests).
	forceTTY bool
}

// Main runs cmd with the command-line arguments args and returns the exit
// status: 0 when the run completed (whatever the flags' statuses), 2 for a
// usage error, 1 when the run could not start, 130 when ctx ended (Ctrl-C)
// before every flag was done, in which case the summary is still printed.
func Main(ctx context.Context, cmd Command, args []string, env Env) int {
	p := parser{name: cmd.Name, strategy: cmd.Strategy, stdout: env.Stdout, stderr: env.Stderr}
	o, err := p.parse(args)
	switch {
	case errors.Is(err, errHelp):
		return 0
	case err != nil:
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "%s: %v\n", cmd.Name, err)
		return 1
	}

	label, base := o.Server, o.URL
	switch {
	case base != "":
		label = "URL"
	case o.Server == "REMOTE":
		base = RemoteURL
	default:
		b, _ := site.ByLabel(o.Server)
		srv, err := env.StartSite(b)
		if err != nil {
			return fail(err)
		}
		defer srv.Close()
		base = srv.URL
	}

	saver, err := NewSaver(filepath.Join(env.Dir, "downloaded"))
	if err != nil {
		return fail(err)
	}
	defer saver.Close()
	conns := o.Conns()
	client := env.Client(conns, o.Timeout)
	defer client.CloseIdleConnections()
	d := &Downloader{Client: client, BaseURL: base, Saver: saver}

	initialReport(env.Stdout, label, base, o.Codes, conns)
	start := time.Now()
	var bar *progress
	if !o.Verbose && (env.Terminal || env.forceTTY) {
		bar = newProgress(ctx, env.Stderr, len(o.Codes), env.forceTTY)
	}
	counts, err := Run(ctx, o.Strategy, o.Codes, conns, cmd.Job(d), func(r Result) {
		if o.Verbose {
			fmt.Fprintln(env.Stdout, r.Line())
		}
		if bar != nil {
			bar.step()
		}
	})
	elapsed := time.Since(start)
	if bar != nil {
		bar.stop()
	}
	if err != nil {
		return fail(err)
	}
	finalReport(env.Stdout, counts, elapsed)
	if ctx.Err() != nil {
		fmt.Fprintf(env.Stderr, "%s: interrupted\n", cmd.Name)
		return 130
	}
	return 0
}

// StartSite serves the embedded site with behaviour b where env says (a free
// loopback port unless env.Listen is set). Close the server when done.
func (env Env) StartSite(b site.Behaviour) (*site.Server, error) {
	s, err := site.New(b, env.SiteOptions...)
	if err != nil {
		return nil, err
	}
	if env.Listen == nil {
		s.Warm() // so the first requests do not pay for the images
		return s.Listen("127.0.0.1:0")
	}
	l, err := env.Listen()
	if err != nil {
		return nil, err
	}
	return s.Start(l), nil
}

// Client returns an HTTP client for conns concurrent requests that reaches
// the sites env.StartSite serves (see NewClient).
func (env Env) Client(conns int, timeout time.Duration) *http.Client {
	return NewClient(conns, timeout, env.Dial)
}
