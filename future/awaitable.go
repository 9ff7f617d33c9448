package future

// Awaitable is the part of a future that does not depend on its result type.
// Every *Future[T] satisfies it, whatever T, so futures of different result
// types can be waited on together (Wait, the ascompleted package) and kept in
// one slice:
//
//	fs := []future.Awaitable{page, count, flag} // *Future[string], *Future[int], *Future[[]byte]
//
// Read the typed outcome afterwards from the original *Future[T].
type Awaitable interface {
	// Done returns a channel closed when the future is done.
	Done() <-chan struct{}
	// IsDone reports, without blocking, whether the future is done.
	IsDone() bool
	// State returns the current state without blocking.
	State() State
	// Cancelled reports whether the future was cancelled.
	Cancelled() bool
	// Cancel cancels the future if it can; see Future.Cancel.
	Cancel() bool
	// Err returns the error outcome of a done future (nil for success); see
	// Future.Err.
	Err() error
	// AfterDone registers fn to run once the future is done and returns a
	// function that unregisters it; see Future.AfterDone.
	AfterDone(fn func()) (stop func() bool)
	// Watch registers w to be told once the future is done, and Unwatch
	// unregisters it; see Future.Watch. No closure, no allocation.
	Watch(w Watcher) (id uint32)
	Unwatch(id uint32) bool
	// String describes the future, as Python's repr does.
	String() string
}

var _ Awaitable = (*Future[int])(nil)
