package future

import (
	"context"
	"errors"
	"fmt"
)

// ReturnWhen says when Wait returns.
type ReturnWhen int

const (
	// AllCompleted: when every future is done.
	AllCompleted ReturnWhen = iota
	// FirstCompleted: when any future is done (at once if one already is).
	FirstCompleted
	// FirstException: when any future finishes with an error (a cancellation
	// does not count), or else when every future is done.
	FirstException
)

// ErrReturnWhen reports a ReturnWhen value that is none of the constants.
var ErrReturnWhen = errors.New("future: invalid ReturnWhen")

func (w ReturnWhen) String() string {
	switch w {
	case AllCompleted:
		return "AllCompleted"
	case FirstCompleted:
		return "FirstCompleted"
	case FirstException:
		return "FirstException"
	}
	return fmt.Sprintf("ReturnWhen(%d)", int(w))
}

// Wait waits for the futures until the condition when is met or ctx ends, and
// returns the futures that are done and those still pending, each in argument
// order with duplicates removed (Python's wait, which returns two sets).
//
// Futures of mixed result types can be waited on together as Awaitable:
//
//	done, pending, err := future.Wait(ctx, future.FirstCompleted, []future.Awaitable{page, size}...)
//
// Wait never cancels anything. The error is nil when the condition was met,
// ctx.Err() when ctx ended first (done and pending are then what they were at
// that moment: a deadline plays Python's timeout), and an error matching
// ErrReturnWhen for an invalid when.
func Wait[F interface {
	comparable
	Awaitable
}](ctx context.Context, when ReturnWhen, fs ...F) (done, pending []F, err error) {
	if when < AllCompleted || when > FirstException {
		return nil, nil, fmt.Errorf("%w: %v", ErrReturnWhen, when)
	}
	seen := make(map[F]struct{}, len(fs))
	uniq := fs[:0:0]
	for _, f := range fs {
		if _, dup := seen[f]; !dup {
			seen[f] = struct{}{}
			uniq = append(uniq, f)
		}
	}

	completed, stop := follow(uniq)
	defer stop()
	for range uniq {
		select {
		case f := <-completed:
			if when == FirstCompleted || (when == FirstException && !f.Cancelled() && f.Err() != nil) {
				done, pending = split(uniq)
				return done, pending, nil
			}
		case <-ctx.Done():
			done, pending = split(uniq)
			return done, pending, ctx.Err()
		}
	}
	done, pending = split(uniq)
	return done, pending, nil
}

// split partitions fs into done and pending, keeping their order.
func split[F Awaitable](fs []F) (done, pending []F) {
	for _, f := range fs {
		if f.IsDone() {
			done = append(done, f)
		} else {
			pending = append(pending, f)
		}
	}
	return done, pending
}
