#!/usr/bin/env bash
# compare.sh: benchstat two commits of tulip against each other.
#
# usage: ./compare.sh [-count N] [-bench REGEXP] [-benchtime D] [-cpu LIST] OLD [NEW]
#   OLD, NEW   commits (anything git rev-parse takes); NEW defaults to the
#              working tree as it is, uncommitted changes included
#
# Builds the benchmarks module's test binary at each commit (each against
# that commit's tulip, through the module's replace directive), then runs
# them alternately, -count rounds of one run each, so that both see the same
# machine noise, into old.txt and new.txt here, and runs benchstat on them.
set -euo pipefail
cd "$(dirname "$0")"

BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # as run.sh

count=6
bench=.
benchtime=1s
cpu=2
usage() { sed -n 's/^# \{0,1\}//; 4,6p' "$0" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
	case $1 in
	-count) count=${2:?}; shift 2 ;;
	-bench) bench=${2:?}; shift 2 ;;
	-benchtime) benchtime=${2:?}; shift 2 ;;
	-cpu) cpu=${2:?}; shift 2 ;;
	-h | -help | --help) usage ;;
	-*) echo "compare.sh: unknown flag $1" >&2; usage ;;
	*) break ;;
	esac
done
[[ $# -ge 1 && $# -le 2 ]] || usage

GOBIN="$(go env GOPATH)/bin"
if [[ ! -x $GOBIN/benchstat ]]; then
	go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
fi

top=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build NAME COMMIT: the test binary of the benchmarks module at COMMIT
# (empty: the working tree) as $work/NAME.test.
build() {
	local name=$1 commit=$2 src
	if [[ -z $commit ]]; then
		src=$top
	else
		src=$work/$name
		mkdir -p "$src"
		git -C "$top" archive "$(git -C "$top" rev-parse --verify "$commit^{commit}")" | tar -x -C "$src"
	fi
	[[ -d $src/benchmarks ]] || { echo "compare.sh: $name (${commit:-working tree}) has no benchmarks module" >&2; exit 1; }
	echo "== building $name: ${commit:-working tree}" >&2
	(cd "$src/benchmarks" && go test -c -o "$work/$name.test" .)
}
build old "$1"
build new "${2:-}"

: >old.txt
: >new.txt
flags=(-test.run '^$' -test.bench "$bench" -test.benchtime "$benchtime" -test.cpu "$cpu" -test.count 1)
for i in $(seq "$count"); do
	echo "== round $i of $count" >&2
	"$work/old.test" "${flags[@]}" >>old.txt
	"$work/new.test" "${flags[@]}" >>new.txt
done
"$GOBIN/benchstat" old.txt new.txt
