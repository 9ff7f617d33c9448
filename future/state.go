package future

// State is the lifecycle state of a future. The transitions are:
//
//	Pending  → Running    (SetRunning; tasks do this when their function starts)
//	Pending  → Cancelled  (Cancel)
//	Pending  → Finished   (SetResult, SetError)
//	Running  → Finished   (SetResult, SetError; a task whose function returned)
//	Running  → Cancelled  (a task whose function returned a cancellation error)
//
// Cancelled and Finished are final: a future that reached one never leaves it.
type State uint32

const (
	// Pending: not started and not resolved.
	Pending State = iota
	// Running: its producer has started working on it; it can no longer be
	// cancelled before it starts, only asked to stop (tasks).
	Running
	// Cancelled: done, with ErrCancelled as its outcome.
	Cancelled
	// Finished: done, with a value or an error as its outcome.
	Finished
)

// String returns the state in lower case, as Python's repr shows it.
func (s State) String() string {
	switch s {
	case Pending:
		return "pending"
	case Running:
		return "running"
	case Cancelled:
		return "cancelled"
	case Finished:
		return "finished"
	}
	return "invalid"
}

// done reports whether s is a final state.
func (s State) done() bool { return s >= Cancelled }
