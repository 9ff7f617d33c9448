#!/usr/bin/env bash
# run.sh: run the benchmarks module with enough repetitions for benchstat,
# keep the raw output in results/latest.txt, and rewrite the results section
# of README.md (between its marker comments) from it, with each workload's
# notes (notes/<Benchmark>.md). Installs benchstat through the Go module
# proxy if it is missing, and prints its summary.
#
# usage: ./run.sh [-count N] [-cpu LIST] [-benchtime D] [-bench REGEXP]
#   -count N       repetitions of each benchmark (default 6: benchstat's minimum for a confidence interval)
#   -cpu LIST      GOMAXPROCS values (default 1,2)
#   -benchtime D   go test's -benchtime (default go test's, 1s)
#   -bench REGEXP  which benchmarks (default all; the README then shows only those)
set -euo pipefail
cd "$(dirname "$0")"

BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf, 2026-09-08

count=6
cpu=1,2
benchtime=
bench=.
usage() { sed -n 's/^# \{0,1\}//; 8,12p' "$0" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
	case $1 in
	-count) count=${2:?}; shift 2 ;;
	-cpu) cpu=${2:?}; shift 2 ;;
	-benchtime) benchtime=${2:?}; shift 2 ;;
	-bench) bench=${2:?}; shift 2 ;;
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

args=(-run '^$' -bench "$bench" -count "$count" -cpu "$cpu")
[[ -n $benchtime ]] && args+=(-benchtime "$benchtime")
command="go test -run '^\$' -bench '$bench' -count $count -cpu $cpu${benchtime:+ -benchtime $benchtime} ."
echo "== $command (progress below; this takes a while)" >&2

mkdir -p results
tmp=$(mktemp results/.run-XXXXXX)
trap 'rm -f "$tmp"' EXIT
# Kept only if the whole run succeeds: an interrupted run changes nothing.
go test "${args[@]}" . | tee "$tmp" | grep --line-buffered '^Benchmark' | sed -u 's/[[:space:]]\+/ /g' >&2
mv "$tmp" results/latest.txt

model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -1)
mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
go run ./internal/report -readme README.md -notes notes \
	-cpus "$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)" \
	-cpu-model "${model:-}" \
	-memory "${mem:-?}" \
	-go "$(go env GOVERSION)" \
	-date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
	-command "$command" \
	-others '^conc-iter\.Map$' \
	<results/latest.txt
echo "== README.md rewritten from results/latest.txt; benchstat's view:" >&2
"$benchstat" results/latest.txt
