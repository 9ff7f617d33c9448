package coroutines

import (
	"fmt"
	"strconv"
)

// Term is what Averager2 receives: a number (Value) or the Stop sentinel.
type Term struct {
	value float64
	stop  bool
}

// Value returns the Term that adds x to Averager2's average.
func Value(x float64) Term { return Term{value: x} }

// Stop is the sentinel that makes Averager2 return its Result (the book's
// STOP = Sentinel()).
var Stop = Term{stop: true}

// Result is Averager2's return value: how many numbers it received and their
// average.
type Result struct {
	Count   int
	Average float64
}

// String formats r as Python's namedtuple repr: Result(count=3, average=15.5).
func (r Result) String() string {
	return fmt.Sprintf("Result(count=%d, average=%s)", r.Count, pyFloat(r.Average))
}

// pyFloat formats f as Python's repr does: the shortest form that reads back,
// always with a decimal point or an exponent (10.0, not 10).
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	for _, c := range s {
		if c == '.' || c == 'e' || c == 'n' || c == 'I' { // NaN, Inf
			return s
		}
	}
	return s + ".0"
}

// Averager2 returns coroaverager2.py's coroutine: it yields nothing useful
// (the empty struct) while it receives Values, and when sent Stop it returns
// their count and average, which Result then holds (the book's
// StopIteration.value). Its Send(Stop) therefore returns ErrStopped.
func Averager2() *Coroutine[Term, struct{}, Result] {
	return New(func(yield func(struct{}) (Term, bool)) Result {
		var total float64
		var count int
		for {
			term, ok := yield(struct{}{})
			if !ok || term.stop {
				break
			}
			total += term.value
			count++
		}
		var average float64
		if count > 0 {
			average = total / float64(count)
		}
		return Result{Count: count, Average: average}
	})
}
