package main

import "github.com/tulipgo/tulip/examples/coroutines"

// Taxi is one taxi's coroutine: sent the simulated time, it yields its next
// Event.
type Taxi = coroutines.Coroutine[int, Event, struct{}]

// NewTaxi returns the coroutine for taxi ident (the book's taxi_process):
// primed, it yields leaving the garage at start; then each Send of a time
// yields the next event at that time: trips pairs of pick up and drop off,
// then going home. The Send after going home ends it (ErrStopped).
func NewTaxi(ident, trips, start int) *Taxi {
	return coroutines.New(func(yield func(Event) (int, bool)) struct{} {
		t, ok := yield(Event{start, ident, LeaveGarage})
		for range trips {
			if !ok {
				return struct{}{}
			}
			if t, ok = yield(Event{t, ident, PickUp}); !ok {
				return struct{}{}
			}
			t, ok = yield(Event{t, ident, DropOff})
		}
		if ok {
			yield(Event{t, ident, GoingHome})
		}
		return struct{}{}
	})
}
