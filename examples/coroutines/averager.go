package coroutines

// Averager returns a coroutine that keeps a running average, coroaverager.py
// of Fluent Python's chapter 17: primed with Next it yields 0.0, and each Send
// of a number yields the average of all numbers sent so far. It never returns
// by itself; Close it when done.
func Averager() *Coroutine[float64, float64, struct{}] {
	return New(func(yield func(float64) (float64, bool)) struct{} {
		var total, average float64
		var count int
		for {
			term, ok := yield(average)
			if !ok {
				return struct{}{}
			}
			total += term
			count++
			average = total / float64(count)
		}
	})
}
