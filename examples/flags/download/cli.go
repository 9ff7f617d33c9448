package download

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tulipgo/tulip/examples/flags/site"
)

// POP20 are the codes of the 20 most populous countries, the downloaders'
// default, in the book's order.
func POP20() []string {
	return strings.Fields("CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR")
}

// RemoteURL is the book's public flag site, the REMOTE server.
const RemoteURL = "https://www.fluentpython.com/data/flags"

// serverLabels are the book's server labels, as its usage error lists them.
var serverLabels = []string{"DELAY", "ERROR", "LOCAL", "REMOTE"}

// Options is a parsed command line.
type Options struct {
	Codes    []string      // the codes to download: sorted, upper case, at most Limit
	All      bool          // -a: every code of the data set
	Every    bool          // -e: every code AA..ZZ
	Limit    int           // -l: at most this many codes
	MaxReq   int           // -m: maximum concurrent requests
	Server   string        // -s: the server label, upper case
	URL      string        // -u: a site with the book's layout; overrides Server
	Verbose  bool          // -v
	Strategy Strategy      // --strategy
	Timeout  time.Duration // -t: per request
}

// Conns is the number of connections the run uses: min(max_req, the
// strategy's maximum, number of codes), at least 1.
func (o Options) Conns() int { return max(1, min(o.MaxReq, o.Strategy.MaxConns(), len(o.Codes))) }

// errUsage is a usage error already reported; exit status 2.
var errUsage = errors.New("usage error")

// errBadCC is a CC argument that is neither a letter nor two.
var errBadCC = errors.New("bad country code")

// errHelp is -h: help printed, exit status 0.
var errHelp = errors.New("help requested")

// parser is the command line of one downloader.
type parser struct {
	name     string
	strategy Strategy // the default
	stdout   io.Writer
	stderr   io.Writer
}

func (p parser) usage() string {
	pad := strings.Repeat(" ", len("usage: "+p.name)+1)
	return "usage: " + p.name + " [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL] [-v]\n" +
		pad + "[-u URL] [--strategy NAME] [-t TIMEOUT]\n" +
		pad + "[CC ...]\n"
}

func (p parser) help() string {
	return p.usage() + `
Download flags for country codes. Default: top 20 countries by population.

positional arguments:
  CC                    country code or 1st letter (eg. B for BA...BZ)

options:
  -h, --help            show this help message and exit
  -a, --all             get all available flags (AD to ZW)
  -e, --every           get flags for every possible code (AA...ZZ)
  -l N, --limit N       limit to N first codes
  -m CONCURRENT, --max_req CONCURRENT
                        maximum concurrent requests (default: sequential 1,
                        executor 30, tasks 5; at most 1000)
  -s LABEL, --server LABEL
                        Server to hit; one of DELAY, ERROR, LOCAL, REMOTE
                        (default=LOCAL); LOCAL, DELAY and ERROR are served
                        in-process, REMOTE is ` + RemoteURL + `
  -v, --verbose         output detailed progress info
  -u URL, --url URL     base URL of any site with the book's layout
                        (overrides --server)
  --strategy NAME       one of executor, sequential, tasks (default=` + string(p.strategy) + `)
  -t TIMEOUT, --timeout TIMEOUT
                        timeout of each request (default=3.1s)
`
}

// usageError prints the book's custom message to stdout, then the usage.
func (p parser) usageError(msg string) error {
	fmt.Fprintf(p.stdout, "*** Usage error: %s\n", msg)
	fmt.Fprint(p.stdout, p.usage())
	return errUsage
}

// parse parses args like the book's argparse command line: options and
// codes may be mixed; argparse's own errors go to stderr, the book's checks
// (in its order: max_req, limit, server, CC) to stdout; both are errUsage.
func (p parser) parse(args []string) (Options, error) {
	o := Options{Limit: math.MaxInt, MaxReq: -1, Server: "LOCAL", Strategy: p.strategy, Timeout: DefaultTimeout}
	fs := flag.NewFlagSet(p.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var strategy string
	for _, n := range []string{"a", "all"} {
		fs.BoolVar(&o.All, n, false, "")
	}
	for _, n := range []string{"e", "every"} {
		fs.BoolVar(&o.Every, n, false, "")
	}
	for _, n := range []string{"l", "limit"} {
		fs.IntVar(&o.Limit, n, o.Limit, "")
	}
	for _, n := range []string{"m", "max_req"} {
		fs.IntVar(&o.MaxReq, n, o.MaxReq, "")
	}
	for _, n := range []string{"s", "server"} {
		fs.StringVar(&o.Server, n, o.Server, "")
	}
	for _, n := range []string{"v", "verbose"} {
		fs.BoolVar(&o.Verbose, n, false, "")
	}
	for _, n := range []string{"u", "url"} {
		fs.StringVar(&o.URL, n, "", "")
	}
	fs.StringVar(&strategy, "strategy", string(p.strategy), "")
	for _, n := range []string{"t", "timeout"} {
		fs.DurationVar(&o.Timeout, n, o.Timeout, "")
	}
	var ccArgs []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(p.stdout, p.help())
				return o, errHelp
			}
			fmt.Fprintf(p.stderr, "%s%s: error: %v\n", p.usage(), p.name, err)
			return o, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		ccArgs = append(ccArgs, fs.Arg(0)) // argparse allows options after positionals
		args = fs.Args()[1:]
	}
	o.Strategy = Strategy(strategy)
	if o.MaxReq == -1 {
		o.MaxReq = o.Strategy.DefaultConns()
	}
	if o.MaxReq < 1 {
		return o, p.usageError("--max_req CONCURRENT must be >= 1")
	}
	if o.Limit < 1 {
		return o, p.usageError("--limit N must be >= 1")
	}
	o.Server = strings.ToUpper(o.Server)
	if !slices.Contains(serverLabels, o.Server) {
		return o, p.usageError("--server LABEL must be one of " + strings.Join(serverLabels, ", "))
	}
	codes, err := expandCodes(o.Every, o.All, ccArgs, o.Limit)
	if err != nil {
		return o, p.usageError("each CC argument must be A to Z or AA to ZZ.")
	}
	o.Codes = codes
	if !slices.Contains(Strategies(), o.Strategy) {
		return o, p.usageError("--strategy NAME must be one of executor, sequential, tasks")
	}
	if o.Timeout <= 0 {
		return o, p.usageError("--timeout TIMEOUT must be > 0")
	}
	if o.URL != "" {
		u, err := url.Parse(o.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return o, p.usageError("--url URL must be an http:// or https:// URL")
		}
		o.URL = strings.TrimRight(o.URL, "/")
	}
	return o, nil
}

// expandCodes is the book's expand_cc_args: -e every code AA..ZZ, else -a
// every code of the data set, else each argument, a letter standing for the
// 26 codes it starts; sorted, then limited. No code at all means POP20.
func expandCodes(every, all bool, args []string, limit int) ([]string, error) {
	set := map[string]bool{}
	const az = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	switch {
	case every:
		for _, a := range az {
			for _, b := range az {
				set[string(a)+string(b)] = true
			}
		}
	case all:
		for _, cc := range site.Codes() {
			set[cc] = true
		}
	default:
		for _, arg := range args {
			cc := strings.ToUpper(arg)
			switch {
			case len(cc) == 1 && strings.Contains(az, cc):
				for _, b := range az {
					set[cc+string(b)] = true
				}
			case len(cc) == 2 && strings.Contains(az, cc[:1]) && strings.Contains(az, cc[1:]):
				set[cc] = true
			default:
				return nil, errBadCC
			}
		}
	}
	if len(set) == 0 {
		for _, cc := range POP20() {
			set[cc] = true
		}
	}
	codes := make([]string, 0, len(set))
	for cc := range set {
		codes = append(codes, cc)
	}
	slices.Sort(codes)
	return codes[:min(limit, len(codes))], nil
}
