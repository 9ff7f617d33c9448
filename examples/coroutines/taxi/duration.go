package main

import (
	"fmt"

	"github.com/tulipgo/tulip/examples/coroutines/pyrandom"
)

// Mean durations of the taxi's states, in minutes.
const (
	searchDuration    = 5  // prowling for a passenger
	tripDuration      = 20 // with a passenger
	departureInterval = 5  // between taxis leaving the garage
	homeDuration      = 1  // after going home
)

// duration draws how long the state entered after action lasts: an
// exponential draw with the state's mean, truncated, plus one minute
// (the book's compute_duration: int(random.expovariate(1/interval)) + 1).
// One draw per call, whatever the action, so the sequence matches Python's.
func duration(rnd *pyrandom.Rand, action string) (int, error) {
	var interval float64
	switch action {
	case LeaveGarage, DropOff:
		interval = searchDuration
	case PickUp:
		interval = tripDuration
	case GoingHome:
		interval = homeDuration
	default:
		return 0, fmt.Errorf("taxi: unknown action %q", action)
	}
	return int(rnd.ExpFloat64(1/interval)) + 1, nil
}
