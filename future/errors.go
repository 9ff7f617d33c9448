package future

import (
	"context"
	"errors"
	"fmt"
)

// ErrInvalidState reports an operation that the future's current state does
// not allow: resolving a future that is already done (the earlier outcome is
// kept), or reading the outcome of a future that is still pending. It mirrors
// Python's InvalidStateError. Returned errors wrap it together with the
// future's String form, so use errors.Is.
var ErrInvalidState = errors.New("future: invalid state")

// ErrCancelled is the outcome of a cancelled future. It matches both itself
// and context.Canceled under errors.Is, so code that already checks for
// context cancellation treats a cancelled future the same way:
//
//	errors.Is(err, future.ErrCancelled)   // true
//	errors.Is(err, context.Canceled)      // true
var ErrCancelled error = cancelledError{}

// ErrShutdown is the outcome of a task submitted to an Executor after its
// shutdown began (Python raises RuntimeError("cannot schedule new futures
// after shutdown")). It does not match ErrCancelled: a task refused at
// submission was never queued, so it was never cancelled either.
var ErrShutdown = errors.New("future: cannot schedule new tasks after shutdown")

// ErrGoexit is the outcome of a task whose function called runtime.Goexit
// (for example t.FailNow in a test) instead of returning. The task's goroutine
// still exits as Goexit demands, but its future is resolved, so waiters never
// hang.
var ErrGoexit = errors.New("future: task function called runtime.Goexit")

// cancellation returns the outcome of a task whose function returned err, a
// cancellation error: ErrCancelled, or err itself, kept so that its message
// and chain survive, if it says more than context.Canceled.
func cancellation(err error) error {
	if err == context.Canceled || err == ErrCancelled {
		return ErrCancelled
	}
	return &cancelledWith{err}
}

// cancelledWith is a task's own cancellation error ("fetch /x: context
// canceled"), made to match ErrCancelled as well.
type cancelledWith struct{ err error }

func (c *cancelledWith) Error() string        { return c.err.Error() }
func (c *cancelledWith) Unwrap() error        { return c.err }
func (c *cancelledWith) Is(target error) bool { return target == ErrCancelled }

type cancelledError struct{}

func (cancelledError) Error() string { return "future: cancelled" }

// Is makes ErrCancelled match context.Canceled as well as itself.
func (cancelledError) Is(target error) bool { return target == context.Canceled }

// invalidState wraps ErrInvalidState with a description of the future, like
// Python's InvalidStateError("FINISHED: <Future ...>").
func invalidState(f fmt.Stringer) error {
	return fmt.Errorf("%w: %s", ErrInvalidState, f)
}

// A PanicError is the outcome of a task whose function panicked. The panic is
// recovered in the task's goroutine, so it never crashes the program; the
// value and the stack of the panicking goroutine are kept for diagnosis.
//
// If the panic value is an error, Unwrap returns it, so errors.Is and
// errors.As see through the panic.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the stack trace of the goroutine at the time of the panic,
	// as formatted by runtime/debug.Stack.
	Stack []byte
}

// Error reports the panic value. The stack is not included; print Stack for it.
func (p *PanicError) Error() string { return fmt.Sprintf("future: task panicked: %v", p.Value) }

// Unwrap returns the panic value if it is an error, else nil.
func (p *PanicError) Unwrap() error {
	if err, ok := p.Value.(error); ok {
		return err
	}
	return nil
}
