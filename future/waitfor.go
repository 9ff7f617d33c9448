package future

import "context"

// WaitFor waits for a task until ctx ends and, if it ends first, cancels the
// task and waits until it has really finished (asyncio.wait_for):
//
//   - done in time: its value and error, as Result gives them;
//   - ctx ended, and the task ended cancelled: the zero T and ctx.Err()
//     (context.DeadlineExceeded plays Python's TimeoutError);
//   - ctx ended, but the task declined the cancellation and returned a value
//     or a different error: that value or error, as Python does.
//
// The wait after the cancellation is not bounded by ctx: it lasts as long as
// the task takes to honour its cancelled context, so that nothing is left
// running behind the caller's back. A future that cannot be cancelled (a
// running promise from New) is not waited for: WaitFor then returns
// ctx.Err() at once.
func WaitFor[T any](ctx context.Context, f *Future[T]) (T, error) {
	if _, _ = f.Result(ctx); f.IsDone() {
		// Done, perhaps just after Result gave up: the real outcome, never
		// a stale ctx.Err().
		return f.TryResult()
	}
	if !f.Cancel() {
		if f.IsDone() { // finished before the Cancel
			return f.TryResult()
		}
		var zero T
		return zero, ctx.Err()
	}
	<-f.Done()
	if f.Cancelled() {
		var zero T
		return zero, ctx.Err()
	}
	return f.TryResult()
}
