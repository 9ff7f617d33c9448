#!/usr/bin/env bash
# run.sh: run the benchmarks module with enough repetitions for benchstat,
# keep the raw output in results/latest.txt, and rewrite the results section
# of README.md (between its marker comments) from it, with each workload's
# notes (notes/<Benchmark>.md). Installs benchstat through the Go module
# proxy if it is missing, and prints its summary.
#
# usage: ./run.sh [-count N] [-cpu LIST] [-benchtime D] [-bench REGEXP] | -report
#   -count N       repetitions of each benchmark (default 6: benchstat's minimum for a confidence interval)
#   -cpu LIST      GOMAXPROCS values (default 1,2)
#   -benchtime D   go test's -benchtime (default go test's, 1s)
#   -bench REGEXP  which benchmarks (default all; the README then shows only those)
#   -report        run nothing: rewrite README.md from results/latest.txt (after editing notes/)
set -euo pipefail
cd "$(dirname "$0")"

BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf, 2026-09-08

count=6
cpu=1,2
benchtime=
bench=.
report_only=
usage() { sed -n 's/^# \{0,1\}//; 8,13p' "$0" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
	case $1 in
	-count) count=${2:?}; shift 2 ;;
	-cpu) cpu=${2:?}; shift 2 ;;
	-benchtime) benchtime=${2:?}; shift 2 ;;
	-bench) bench=${2:?}; shift 2 ;;
	-report) report_only=1; shift ;;
	-h | -help | --help) usage ;;
	*) echo "run.sh: unknown argument $1" >&2; usage ;;
	esac
done
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: -count $count: want a positive number" >&2; exit 2; }

GOBIN="$(go env GOPATH)/bin"
benchstat="$GOBIN/benchstat"
if [[ ! -x $benchstat ]]; then
	echo "== installing benchstat $BENCHSTAT_VERSION" >&2
	go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
fi

if [[ -z $report_only ]]; then
	args=(-run '^$' -bench "$bench" -count "$count" -cpu "$cpu")
	[[ -n $benchtime ]] && args+=(-benchtime "$benchtime")
	command="go test -run '^\$' -bench '$bench' -count $count -cpu $cpu${benchtime:+ -benchtime $benchtime} ."
	echo "== $command (progress below; this takes a while)" >&2

	mkdir -p results
	tmp=$(mktemp results/.run-XXXXXX)
	trap 'rm -f "$tmp"' EXIT
	# The machine, as benchstat configuration lines ("key: value"), which
	# the report reads back: results/latest.txt says where it was measured.
	{
		echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo "cpus: $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
		model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -1)
		[[ -n $model ]] && echo "cpu-model: $model"
		mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
		echo "memory: ${mem:-?}"
		echo "go-version: $(go env GOVERSION)"
		rev=$(git rev-parse --short HEAD 2>/dev/null || true)
		[[ -n $rev && -n $(git status --porcelain -- .. 2>/dev/null) ]] && rev+=" with uncommitted changes"
		[[ -n $rev ]] && echo "commit: $rev"
		[[ -r /proc/loadavg ]] && echo "load-average: $(cut -d' ' -f1-3 /proc/loadavg)"
		echo "command: $command"
	} >"$tmp"
	# Kept only if the whole run succeeds: an interrupted run changes nothing.
	go test "${args[@]}" . | tee -a "$tmp" | grep --line-buffered '^Benchmark' >&2
	mv "$tmp" results/latest.txt
fi

[[ -f results/latest.txt ]] || { echo "run.sh: no results/latest.txt: run the benchmarks first" >&2; exit 1; }
go run ./internal/report -readme README.md -notes notes -others '^conc-iter\.Map$' <results/latest.txt
echo "== README.md rewritten from results/latest.txt; benchstat's view:" >&2
"$benchstat" results/latest.txt
