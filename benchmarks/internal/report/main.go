// Command report turns go test -bench output into the results section of
// benchmarks/README.md: for every workload, each contender's median (and
// range) at each GOMAXPROCS, its allocations per item, and tulip's ratio to
// its best rival, with the workload's notes (notes/<Benchmark>.md) below.
// run.sh calls it; it is a program of the benchmarks module, not a library.
//
// Usage:
//
//	go run ./internal/report [flags] < bench.txt
//
// With -readme it replaces the part of that file between the lines
// "<!-- results:begin -->" and "<!-- results:end -->"; without, it writes
// the section to standard output.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var m machine
	readme := fs.String("readme", "", "rewrite the results section of this file instead of printing it")
	notes := fs.String("notes", "notes", "directory of per-workload notes, <Benchmark name without Benchmark>.md")
	baselines := fs.String("baselines", `^(baseline|reflect\.)`, "regexp matching the hand-written baselines' contender names")
	others := fs.String("others", "", "regexp matching contenders shown but compared with nothing (a different kind of tool; say why in the notes)")
	// Each defaults to the input's configuration line of the same name.
	fs.StringVar(&m.cpus, "cpus", "", "the machine's CPU count (default: the input's cpus: line)")
	fs.StringVar(&m.cpuModel, "cpu-model", "", "the CPU model (default: the input's cpu-model: line, else go test's cpu: line)")
	fs.StringVar(&m.memory, "memory", "", "the machine's memory (default: the input's memory: line)")
	fs.StringVar(&m.goVersion, "go-version", "", "the Go version (default: the input's go-version: line)")
	fs.StringVar(&m.date, "date", "", "when the benchmarks ran (default: the input's date: line)")
	fs.StringVar(&m.command, "command", "", "the command that produced the input (default: the input's command: line)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "report: unexpected argument %q (the benchmark output is read from standard input)\n", fs.Arg(0))
		return 2
	}
	re, err := regexp.Compile(*baselines)
	if err != nil {
		fmt.Fprintln(stderr, "report: -baselines:", err)
		return 2
	}
	var ore *regexp.Regexp
	if *others != "" {
		if ore, err = regexp.Compile(*others); err != nil {
			fmt.Fprintln(stderr, "report: -others:", err)
			return 2
		}
	}
	runs, config, err := parseRuns(stdin)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	if len(runs) == 0 {
		fmt.Fprintln(stderr, "report: no benchmark results in the input")
		return 1
	}
	for _, f := range []struct {
		v    *string
		keys []string
	}{
		{&m.cpus, []string{"cpus"}},
		{&m.cpuModel, []string{"cpu-model", "cpu"}},
		{&m.memory, []string{"memory"}},
		{&m.goVersion, []string{"go-version"}},
		{&m.date, []string{"date"}},
		{&m.command, []string{"command"}},
		{&m.load, []string{"load-average"}},
		{&m.commit, []string{"commit"}},
	} {
		for _, k := range f.keys {
			if *f.v == "" {
				*f.v = config[k]
			}
		}
		if *f.v == "" && f.v != &m.cpuModel && f.v != &m.load && f.v != &m.commit {
			*f.v = "?"
		}
	}
	var section bytes.Buffer
	if err := writeMarkdown(&section, m, summarize(runs, re, ore), *notes); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	if *readme == "" {
		_, err = stdout.Write(section.Bytes())
	} else {
		err = rewrite(*readme, section.String())
	}
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	return 0
}

const (
	beginMarker = "<!-- results:begin -->"
	endMarker   = "<!-- results:end -->"
)

// replaceSection puts section between doc's markers, each on a line of its
// own, keeping everything outside them.
func replaceSection(doc, section string) (string, error) {
	before, rest, ok := strings.Cut(doc, beginMarker+"\n")
	if !ok {
		return "", fmt.Errorf("no line %q", beginMarker)
	}
	_, after, ok := strings.Cut(rest, endMarker)
	if !ok {
		return "", fmt.Errorf("no line %q after %q", endMarker, beginMarker)
	}
	return before + beginMarker + "\n" + section + endMarker + after, nil
}

// rewrite replaces path's results section, through a temporary file renamed
// over it, so a failure leaves the file as it was.
func rewrite(path, section string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc, err := replaceSection(string(old), section)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".readme-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is none
	if _, err := tmp.WriteString(doc); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
