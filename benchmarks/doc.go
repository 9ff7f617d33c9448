// Package benchmarks compares tulip with the libraries a Go programmer would
// reach for instead — golang.org/x/sync, sourcegraph/conc, alitto/pond and
// panjf2000/ants — and with the hand-written baselines, side by side in one
// run of go test -bench. It is a module of its own so that the core module
// does not depend on any of them. README.md holds the latest table.
//
// Every workload is also run once by TestWorkloads, which checks that each
// contender computes the right answer: a benchmark that does the wrong work
// measures nothing.
package benchmarks
