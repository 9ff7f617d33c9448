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

// ErrReturnWhen is the panic value (wrapped with the bad value) of Wait
// called with a ReturnWhen that is none of the constants: a programming
// error.
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
// Futures of mixed result types can be waited on together as Awaitable; name
// the type parameter, as the futures' own types differ:
//
//	done, pending, err := future.Wait[future.Awaitable](ctx, future.FirstCompleted, page, size)
//
// Wait never cancels anything. The error is nil when the condition was met,
// and ctx.Err() when ctx ended first (done and pending are then what they
// were at that moment: a deadline plays Python's timeout). A when that is
// none of the ReturnWhen constants panics with an error matching
// ErrReturnWhen.
func Wait[F interface {
	comparable
	Awaitable
}](ctx context.Context, when ReturnWhen, fs ...F) (done, pending []F, err error) {
	if when < AllCompleted || when > FirstException {
		panic(fmt.Errorf("%w: %v; use AllCompleted, FirstCompleted or FirstException", ErrReturnWhen, when))
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
