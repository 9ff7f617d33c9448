package remote

import (
	"context"
	"encoding/json"
	"errors"
)

// The package's sentinels. A task's failure reaches the client as an *Error,
// which matches the sentinel of its kind under errors.Is.
var (
	// ErrUnknownFunc: the worker that took the task has no function of that
	// name in its registry.
	ErrUnknownFunc = errors.New("remote: unknown function")
	// ErrTimeout: the task ran past its TaskTimeout, or past Submit's ctx
	// deadline as the worker's clock saw it, and its function returned an
	// error. It also matches context.DeadlineExceeded.
	ErrTimeout = errors.New("remote: task timed out")
	// ErrPanic: the task's function panicked; the *Error's Stack holds the
	// worker's stack trace as text.
	ErrPanic = errors.New("remote: task panicked")
	// ErrTooManyDeliveries: the task was delivered more often than the
	// worker's MaxDeliver allows (its workers kept dying on it) and was given up.
	ErrTooManyDeliveries = errors.New("remote: task delivered too many times")
	// ErrClosed: the client was closed before the task's result arrived, or
	// Submit was called after Close.
	ErrClosed = errors.New("remote: client closed")
)

// Error is a task's failure as the worker reported it. Only text survives the
// trip: the function's error becomes Message (its Error() string), and error
// types and wrapped errors of the function are lost. errors.Is matches the
// package's sentinel for the kind of failure (ErrUnknownFunc, ErrTimeout,
// ErrPanic, ErrTooManyDeliveries), none for an ordinary error.
type Error struct {
	Func    string // the task's function name
	TaskID  string // the task's id
	Message string // the error's text, as Error returns it
	Stack   string // the worker's stack trace, for a panic
	kind    error  // the sentinel, nil for an ordinary error
}

// Error returns the message: the function's own error text for an ordinary
// error.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the sentinel of the failure's kind, or nil.
func (e *Error) Unwrap() error { return e.kind }

// Is makes a timeout match context.DeadlineExceeded too, as a local task's
// deadline does.
func (e *Error) Is(target error) bool {
	return e.kind == ErrTimeout && target == context.DeadlineExceeded
}

// Result statuses on the wire (header Tulip-Status).
const (
	statusOK          = "ok"
	statusError       = "error"
	statusPanic       = "panic"
	statusUnknown     = "unknown"
	statusTimeout     = "timeout"
	statusRedelivered = "redelivered"
)

var statusKinds = map[string]error{
	statusError:       nil,
	statusPanic:       ErrPanic,
	statusUnknown:     ErrUnknownFunc,
	statusTimeout:     ErrTimeout,
	statusRedelivered: ErrTooManyDeliveries,
}

// errorBody is a failed result's payload, always JSON whatever the codec.
type errorBody struct {
	Message string `json:"message"`
	Stack   string `json:"stack,omitempty"`
}

func encodeError(message, stack string) []byte {
	b, _ := json.Marshal(errorBody{Message: message, Stack: stack}) // strings always encode
	return b
}

// decodeError rebuilds the *Error of a failed result.
func decodeError(fn, id, status string, data []byte) error {
	var body errorBody
	if err := json.Unmarshal(data, &body); err != nil {
		body.Message = "remote: undecodable error from worker: " + string(data)
	}
	kind, known := statusKinds[status]
	if !known {
		body.Message = "remote: unknown result status " + status + ": " + body.Message
	}
	return &Error{Func: fn, TaskID: id, Message: body.Message, Stack: body.Stack, kind: kind}
}
