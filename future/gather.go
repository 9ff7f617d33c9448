package future

import "context"

// Gather waits for every future and returns their values in argument order
// (asyncio.gather). The first error to occur, in completion order, is
// returned at once, without waiting for the others, which are left running
// (as asyncio does: nothing is cancelled). A cancelled future counts as an
// error matching ErrCancelled. If ctx ends first, Gather returns ctx.Err().
//
// A future passed twice is waited on once and its value appears twice.
// Gather() with no futures returns an empty slice.
func Gather[T any](ctx context.Context, fs ...*Future[T]) ([]T, error) {
	if err := awaitAll(ctx, fs, true); err != nil {
		return nil, err
	}
	vs := make([]T, len(fs))
	for i, f := range fs {
		vs[i], _ = f.TryResult()
	}
	return vs, nil
}

// Outcome is one future's outcome in GatherSettled's result.
type Outcome[T any] struct {
	Value T
	Err   error // nil on success; matches ErrCancelled if it was cancelled
}

// GatherSettled waits for every future and returns each one's outcome in
// argument order, errors included (asyncio.gather with
// return_exceptions=True). It returns a non-nil error only if ctx ends first:
// ctx.Err(), with no outcomes.
func GatherSettled[T any](ctx context.Context, fs ...*Future[T]) ([]Outcome[T], error) {
	if err := awaitAll(ctx, fs, false); err != nil {
		return nil, err
	}
	out := make([]Outcome[T], len(fs))
	for i, f := range fs {
		out[i].Value, out[i].Err = f.TryResult()
	}
	return out, nil
}

// awaitAll waits until every future is done, or with failFast until one of
// them fails, or until ctx ends. It returns the failure or ctx.Err(). One
// completion callback per future feeds one channel: no goroutines.
func awaitAll[T any](ctx context.Context, fs []*Future[T], failFast bool) error {
	completed, stop := follow(fs)
	defer stop()
	for range fs {
		select {
		case f := <-completed:
			if err := f.Err(); failFast && err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
