// Command flags is the book's first flag downloaders (Fluent Python, 2nd
// edition, 20-executors/getflags and 21-async): the 20 most populous
// countries' flags, saved in ./downloaded, four ways:
//
//		flags [-strategy sequential|map|gather|submit] [-s LOCAL|DELAY|ERROR] [-u URL]
//
//	  - sequential (flags.py): one after the other.
//	  - map (flags_threadpool.py): future.Map on an Executor, results in input
//	    order.
//	  - gather (flags_asyncio.py): one task per flag with future.Go, then
//	    future.Gather.
//	  - submit (flags_threadpool_futures.py): the first 5 codes submitted to an
//	    Executor of 3 workers, printing each future as scheduled and as
//	    completed (ascompleted.Of).
//
// Each code is printed as its flag is saved, then "N downloads in 0.12s".
// By default the flags come from the embedded LOCAL site: no network needed.
// Like the book's scripts, the first failed download stops the run (with an
// error and exit status 1; what is in flight is cancelled).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/examples/flags/download"
	"github.com/tulipgo/tulip/examples/flags/site"
	"github.com/tulipgo/tulip/future"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], download.Env{Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}

// timeout is the book's flags.py HTTP timeout.
const timeout = 6100 * time.Millisecond

// strategies are the four downloaders, by -strategy name.
var strategies = map[string]func(ctx context.Context, d *downloader, codes []string) (int, error){
	"sequential": sequential,
	"map":        executorMap,
	"gather":     gather,
	"submit":     submitAsCompleted,
}

func run(ctx context.Context, args []string, env download.Env) int {
	fs := flag.NewFlagSet("flags", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	strategy := fs.String("strategy", "sequential", "sequential, map, gather or submit")
	label := fs.String("s", "LOCAL", "embedded site to download from: LOCAL, DELAY or ERROR")
	baseURL := fs.String("u", "", "base URL of a site with the book's layout, http:// or https:// (overrides -s)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: flags [-strategy sequential|map|gather|submit] [-s LABEL] [-u URL]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	download1, ok := strategies[*strategy]
	b, okSite := site.ByLabel(*label)
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(env.Stderr, "flags: unexpected argument %q\n", fs.Arg(0))
	case !ok:
		fmt.Fprintf(env.Stderr, "flags: unknown strategy %q\n", *strategy)
	case !okSite:
		fmt.Fprintf(env.Stderr, "flags: unknown site %q: want LOCAL, DELAY or ERROR\n", *label)
	case *baseURL != "" && !isHTTPURL(*baseURL):
		fmt.Fprintf(env.Stderr, "flags: -u %q: want an http:// or https:// URL\n", *baseURL)
	default:
		return fetchAll(ctx, env, download1, b, strings.TrimRight(*baseURL, "/"))
	}
	fs.Usage()
	return 2
}

// isHTTPURL reports whether s is an absolute http or https URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func fetchAll(ctx context.Context, env download.Env, many func(context.Context, *downloader, []string) (int, error),
	b site.Behaviour, base string) int {
	if base == "" {
		srv, err := env.StartSite(b)
		if err != nil {
			fmt.Fprintf(env.Stderr, "flags: %v\n", err)
			return 1
		}
		defer srv.Close()
		base = srv.URL
	}
	saver, err := download.NewSaver(filepath.Join(env.Dir, "downloaded"))
	if err != nil {
		fmt.Fprintf(env.Stderr, "flags: %v\n", err)
		return 1
	}
	defer saver.Close()
	client := env.Client(32, timeout)
	defer client.CloseIdleConnections()
	d := &downloader{d: download.Downloader{Client: client, BaseURL: base, Saver: saver}, out: env.Stdout}

	start := time.Now()
	count, err := many(ctx, d, download.POP20())
	elapsed := time.Since(start)
	if err != nil {
		fmt.Fprintln(env.Stdout)
		if ctx.Err() != nil {
			fmt.Fprintln(env.Stderr, "flags: interrupted")
			return 130
		}
		fmt.Fprintf(env.Stderr, "flags: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "\n%d downloads in %.2fs\n", count, elapsed.Seconds())
	return 0
}

// downloader is the book's download_one: get a flag, save it, print its
// code.
type downloader struct {
	d   download.Downloader
	mu  sync.Mutex // one print at a time
	out io.Writer
}

func (d *downloader) printf(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.out, format, args...)
}

// one downloads and saves the flag of cc and prints "CC ".
func (d *downloader) one(ctx context.Context, cc string) (string, error) {
	r := d.d.Flag(ctx, cc, nil)
	switch r.Status {
	case download.OK:
		d.printf("%s ", cc)
		return cc, nil
	case download.NotFound:
		return "", fmt.Errorf("%s: not found: %s", cc, r.URL)
	}
	return "", fmt.Errorf("%s: %w", cc, r.Err)
}

// sequential is flags.py: one flag after the other, in sorted order.
func sequential(ctx context.Context, d *downloader, codes []string) (int, error) {
	for _, cc := range sorted(codes) {
		if _, err := d.one(ctx, cc); err != nil {
			return 0, err
		}
	}
	return len(codes), nil
}

// executorMap is flags_threadpool.py: executor.map(download_one, codes).
// The codes print in completion order, the results come in input order;
// the first error ends the loop, which cancels the calls still in flight.
func executorMap(ctx context.Context, d *downloader, codes []string) (int, error) {
	ex := future.NewExecutor(0)
	defer ex.Close()
	n := 0
	for _, err := range future.Map(ctx, ex, slices.Values(sorted(codes)), d.one) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// gather is flags_asyncio.py: a task per flag, then gather. On the first
// error the other tasks are cancelled, and waited for.
func gather(ctx context.Context, d *downloader, codes []string) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fs := make([]*future.Future[string], len(codes))
	for i, cc := range sorted(codes) {
		fs[i] = future.Go(ctx, func(ctx context.Context) (string, error) { return d.one(ctx, cc) })
	}
	res, err := future.Gather(ctx, fs...)
	if err != nil {
		cancel()
		_, _ = future.GatherSettled(context.Background(), fs...) // every task has ended
		return 0, err
	}
	return len(res), nil
}

// submitAsCompleted is flags_threadpool_futures.py: the first 5 codes,
// submitted to 3 workers; each future printed when scheduled and when done.
func submitAsCompleted(ctx context.Context, d *downloader, codes []string) (int, error) {
	ex := future.NewExecutor(3)
	defer ex.Close()
	var todo []*future.Future[string]
	for _, cc := range sorted(codes[:5]) {
		f := future.Submit(ctx, ex, func(ctx context.Context) (string, error) { return d.one(ctx, cc) })
		todo = append(todo, f)
		d.printf("Scheduled for %s: %v\n", cc, f)
	}
	count := 0
	for f, err := range ascompleted.Of(ctx, todo...) {
		if err != nil {
			return count, err
		}
		res, err := f.Result(ctx)
		if err != nil {
			for _, f := range todo {
				f.Cancel()
			}
			return count, err
		}
		count++
		d.printf("%v result: '%s'\n", f, res)
	}
	return count, nil
}

func sorted(codes []string) []string { return slices.Sorted(slices.Values(codes)) }
