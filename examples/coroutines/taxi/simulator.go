package main

import (
	"container/heap"
	"errors"
	"maps"
	"slices"

	"github.com/tulipgo/tulip/examples/coroutines"
	"github.com/tulipgo/tulip/examples/coroutines/pyrandom"
)

// Simulator runs taxis as a discrete-event simulation (the book's Simulator):
// a priority queue of the next event of every taxi still running, popped in
// (time, proc, action) order.
type Simulator struct {
	events eventQueue
	procs  map[int]*Taxi
	rnd    *pyrandom.Rand
}

// Outcome is how a simulation ended: all taxis went home (EndOfEvents), or
// the end time was reached with Pending events still queued.
type Outcome struct {
	EndOfEvents bool
	Pending     int
}

// NewSimulator returns a simulator of the given taxis, keyed by number,
// drawing durations from rnd. It owns the taxis: Run closes them.
func NewSimulator(procs map[int]*Taxi, rnd *pyrandom.Rand) *Simulator {
	return &Simulator{procs: maps.Clone(procs), rnd: rnd}
}

// Run primes every taxi in number order, then pops events until the queue is
// empty or an event at or after endTime has been handled, calling emit for
// each event popped (so the event that crosses the end time is emitted too).
// After each one it draws the next state's duration and sends the taxi the
// time it ends; a taxi whose coroutine stops is removed. Taxis still running
// at the end are closed.
func (s *Simulator) Run(endTime int, emit func(Event)) (Outcome, error) {
	defer func() {
		for _, p := range s.procs {
			p.Close()
		}
	}()
	for _, id := range slices.Sorted(maps.Keys(s.procs)) {
		first, err := s.procs[id].Next()
		if err != nil {
			delete(s.procs, id) // a taxi that yields nothing
			continue
		}
		heap.Push(&s.events, first)
	}
	for simTime := 0; simTime < endTime; {
		if s.events.Len() == 0 {
			return Outcome{EndOfEvents: true}, nil
		}
		ev := heap.Pop(&s.events).(Event)
		simTime = ev.Time
		emit(ev)
		d, err := duration(s.rnd, ev.Action)
		if err != nil {
			return Outcome{}, err
		}
		proc := s.procs[ev.Proc]
		next, err := proc.Send(simTime + d)
		if errors.Is(err, coroutines.ErrStopped) {
			delete(s.procs, ev.Proc)
			continue
		}
		if err != nil {
			return Outcome{}, err
		}
		heap.Push(&s.events, next)
	}
	return Outcome{Pending: s.events.Len()}, nil
}

// eventQueue is a min-heap of events (container/heap).
type eventQueue []Event

func (q eventQueue) Len() int           { return len(q) }
func (q eventQueue) Less(i, j int) bool { return q[i].less(q[j]) }
func (q eventQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)        { *q = append(*q, x.(Event)) }
func (q *eventQueue) Pop() any {
	old := *q
	ev := old[len(old)-1]
	*q = old[:len(old)-1]
	return ev
}
