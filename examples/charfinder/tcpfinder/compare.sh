#!/usr/bin/env bash
# compare.sh: tcpfinder beside the book's tcp_mojifinder.py, in the same run.
#
# usage: ./compare.sh [-rounds N] [-queries N] [-python PYTHON] MOJIFINDER_DIR
#
# MOJIFINDER_DIR is 21-async/mojifinder in your clone of
# https://github.com/fluentpython/example-code-2e (it holds tcp_mojifinder.py
# and charindex.py; nothing of it is copied here). Each round starts the
# book's server, then tcpfinder, each as a process of its own on a loopback
# port, and drives each with the same client, BenchmarkRoundTrip and
# BenchmarkPipelined (16 sessions; see bench_test.go), for a fixed number of
# queries. It prints each run, then the medians: queries per second and the
# server's CPU time per query (user + system, from /proc, Linux only).
# Progress goes to standard error, the results to standard output.
set -euo pipefail

rounds=3 queries=200000 python=python3
usage() {
	echo "usage: $0 [-rounds N] [-queries N] [-python PYTHON] MOJIFINDER_DIR" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case "$1" in
	-rounds) rounds=${2:?}; shift 2 ;;
	-queries) queries=${2:?}; shift 2 ;;
	-python) python=${2:?}; shift 2 ;;
	-h|-help|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || usage
book=$(cd "$1" && pwd)
[ -f "$book/tcp_mojifinder.py" ] || { echo "$0: no tcp_mojifinder.py in $book" >&2; exit 2; }
[ -r /proc/self/stat ] || { echo "$0: needs Linux's /proc" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
echo "building tcpfinder and the client; $("$python" --version 2>&1) for the book's" >&2
(cd "$here" && go build -o "$tmp/tcpfinder" . && go test -c -o "$tmp/client.test" .)
tck=$(getconf CLK_TCK)

# cputicks PID: the process's user + system time, in clock ticks.
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# serve WHO PORT: start WHO's server on PORT, set pid, wait until it listens.
serve() {
	if [ "$1" = book ]; then
		(cd "$book" && exec "$python" tcp_mojifinder.py 127.0.0.1 "$2") >"$tmp/$1.log" 2>&1 &
	else
		"$tmp/tcpfinder" 127.0.0.1 "$2" >"$tmp/$1.log" 2>&1 &
	fi
	pid=$!
	for _ in $(seq 100); do
		if grep -q '^Serving on' "$tmp/$1.log"; then return; fi
		sleep 0.1
	done
	echo "$0: the $1 server did not start:" >&2
	cat "$tmp/$1.log" >&2
	exit 1
}

port=$((20000 + RANDOM % 20000))
echo "round who bench queries/s server-us/query"
: >"$tmp/runs"
for r in $(seq "$rounds"); do
	for who in book tcpfinder; do
		for bench in RoundTrip Pipelined; do
			serve "$who" "$port"
			t0=$(cputicks "$pid")
			out=$(TULIP_TCPFINDER_ADDR=127.0.0.1:$port "$tmp/client.test" -test.run '^$' \
				-test.bench "^Benchmark$bench\$" -test.benchtime "${queries}x" 2>&1) || {
				echo "$out" >&2
				exit 1
			}
			t1=$(cputicks "$pid")
			kill "$pid"
			wait "$pid" 2>/dev/null || true
			pid=
			qps=$(echo "$out" | awk '/^Benchmark/ {for (i = 1; i < NF; i++) if ($(i+1) == "queries/s") print $i}')
			# The benchmark runs once with one query, then with all of them.
			echo "$r $who $bench $qps $(awk -v t=$((t1 - t0)) -v k="$tck" -v n="$queries" \
				'BEGIN {printf "%.1f", t / k / (n + 1) * 1e6}')" | tee -a "$tmp/runs"
			echo "round $r: $who $bench done" >&2
			port=$((port + 1))
		done
	done
done

echo
echo "medians of $rounds rounds, $queries queries each, 16 sessions:"
awk '
	{ q[$2" "$3] = q[$2" "$3] " " $4; c[$2" "$3] = c[$2" "$3] " " $5 }
	function median(s,   a, n, i, j, t) {
		n = split(s, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END {
		printf "%-10s %-10s %12s %16s\n", "bench", "server", "queries/s", "server us/query"
		split("RoundTrip Pipelined", bs, " ")
		for (i = 1; i <= 2; i++) {
			b = bs[i]
			qb = median(q["book " b]); qt = median(q["tcpfinder " b])
			cb = median(c["book " b]); ct = median(c["tcpfinder " b])
			printf "%-10s %-10s %12.0f %16.1f\n", b, "book", qb, cb
			printf "%-10s %-10s %12.0f %16.1f\n", b, "tcpfinder", qt, ct
			printf "%-10s tcpfinder/book: %.1fx the queries/s, %.1fx less CPU per query\n", b, qt / qb, cb / ct
		}
	}' "$tmp/runs"
