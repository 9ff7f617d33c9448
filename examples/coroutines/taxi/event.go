package main

import "fmt"

// The actions of a taxi, in the order one goes through them.
const (
	LeaveGarage = "leave garage"
	PickUp      = "pick up passenger"
	DropOff     = "drop off passenger"
	GoingHome   = "going home"
)

// Event is something a taxi does at a simulated time (minutes): the book's
// Event(time, proc, action) namedtuple. Proc is the taxi's number.
type Event struct {
	Time   int
	Proc   int
	Action string
}

// String formats e as the namedtuple's repr:
// Event(time=0, proc=0, action='leave garage').
func (e Event) String() string {
	return fmt.Sprintf("Event(time=%d, proc=%d, action='%s')", e.Time, e.Proc, e.Action)
}

// less orders events as Python compares the tuples: by time, then proc, then
// action.
func (e Event) less(o Event) bool {
	if e.Time != o.Time {
		return e.Time < o.Time
	}
	if e.Proc != o.Proc {
		return e.Proc < o.Proc
	}
	return e.Action < o.Action
}
