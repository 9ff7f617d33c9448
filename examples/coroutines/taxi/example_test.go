package main

import (
	"context"
	"os"
)

// The docstring's doctest, main(num_taxis=2, seed=10): `taxi -t 2 -s 10`.
func Example() {
	run(context.Background(), []string{"-t", "2", "-s", "10"}, os.Stdout, os.Stderr)
	// Output:
	// taxi: 0  Event(time=0, proc=0, action='leave garage')
	// taxi: 0  Event(time=5, proc=0, action='pick up passenger')
	// taxi: 1     Event(time=5, proc=1, action='leave garage')
	// taxi: 1     Event(time=10, proc=1, action='pick up passenger')
	// taxi: 1     Event(time=15, proc=1, action='drop off passenger')
	// taxi: 0  Event(time=17, proc=0, action='drop off passenger')
	// taxi: 1     Event(time=24, proc=1, action='pick up passenger')
	// taxi: 0  Event(time=26, proc=0, action='pick up passenger')
	// taxi: 0  Event(time=30, proc=0, action='drop off passenger')
	// taxi: 0  Event(time=34, proc=0, action='going home')
	// taxi: 1     Event(time=46, proc=1, action='drop off passenger')
	// taxi: 1     Event(time=48, proc=1, action='pick up passenger')
	// taxi: 1     Event(time=110, proc=1, action='drop off passenger')
	// taxi: 1     Event(time=139, proc=1, action='pick up passenger')
	// taxi: 1     Event(time=140, proc=1, action='drop off passenger')
	// taxi: 1     Event(time=150, proc=1, action='going home')
	// *** end of events ***
}
