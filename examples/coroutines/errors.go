package coroutines

import "errors"

// ErrStopped is returned by Next and Send once the body has returned or the
// coroutine was closed: Python's StopIteration. After it, Result holds the
// body's return value, if it returned.
var ErrStopped = errors.New("coroutines: coroutine stopped")

// ErrNotStarted is returned by Send on a coroutine that was never primed:
// Python's "can't send non-None value to a just-started generator". Call
// Next first, to run the body up to its first yield.
var ErrNotStarted = errors.New("coroutines: send to a coroutine not yet primed (call Next first)")
