package future

// Shield protects f from its waiters' cancellation (asyncio.shield). It
// returns a new future that mirrors f's outcome; cancelling the returned
// future cancels only it, and f goes on. If f is cancelled, the returned
// future is cancelled too. If f is already done, Shield returns f itself.
//
// To protect a task from the cancellation of the context it was started
// with, start it with context.WithoutCancel(ctx) instead.
func Shield[T any](f *Future[T]) *Future[T] {
	if f.IsDone() {
		return f
	}
	outer := New[T]()
	f.AddDoneCallback(func(f *Future[T]) {
		if f.Cancelled() {
			outer.Cancel()
			return
		}
		v, err := f.TryResult()
		if err != nil {
			_ = outer.SetError(err)
		} else {
			_ = outer.SetResult(v)
		}
	})
	return outer
}
