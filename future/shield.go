package future

// Shield protects f from its waiters' cancellation (asyncio.shield). It
// returns a new future that mirrors f's outcome, its value and its error;
// cancelling the returned future cancels only it, and f goes on. If f is
// cancelled, the returned future is cancelled too. If f is already done,
// Shield returns f itself.
//
// The returned future follows f through one completion callback, which is
// removed as soon as the returned future is done, either way: calling Shield
// again and again on a long-running f (a retry loop of WaitFor(ctx,
// Shield(f))) leaves nothing behind on f.
//
// To protect a task from the cancellation of the context it was started
// with, start it with context.WithoutCancel(ctx) instead.
func Shield[T any](f *Future[T]) *Future[T] {
	if f.IsDone() {
		return f
	}
	outer := New[T]()
	stop := f.AfterDone(func() {
		if f.Cancelled() {
			outer.Cancel()
			return
		}
		_ = outer.resolve(Finished, f.val, f.err) // done: val and err are final
	})
	outer.AfterDone(func() { stop() })
	return outer
}
