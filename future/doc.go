// Package future provides Future[T], the eventual outcome of an operation, and
// the tools built on it: tasks, an executor and the combinators that wait on
// several futures. It is Python's concurrent.futures and the future/task half
// of asyncio, in idiomatic Go.
//
// # Futures and tasks
//
// A future is created pending and becomes done exactly once, either finished
// (with a value or an error) or cancelled. Two kinds exist:
//
//   - New returns a future that its producer resolves with SetResult or
//     SetError: a promise, for bridging callback-style code.
//   - Go starts a function in a goroutine and returns its future: a task
//     (asyncio.create_task). The function receives a context that Cancel
//     cancels.
//
// Anyone can wait for a future: Result blocks until it is done or the caller's
// context ends, Done returns a channel for select, AddDoneCallback and
// AfterDone run code on completion. IsDone, State, TryResult and Err never
// block.
//
// # Cancellation
//
// Cancel on a pending future cancels it at once. Cancel on a running task asks
// it to stop by cancelling its context; the task ends cancelled only if its
// function returns a cancellation error (cooperative, like asyncio's
// Task.cancel). A cancelled future's error matches both ErrCancelled and
// context.Canceled under errors.Is.
//
// Waiting is not owning: when the context passed to Result ends, Result
// returns ctx.Err() and the future is left as it was, so a deadline on one
// wait never spoils the outcome for other waiters.
//
// # Executor and combinators
//
// An Executor runs submitted functions on a bounded set of reused workers, in
// submission order; Map streams an input through it with results in input
// order. Gather, GatherSettled, Wait, WaitFor and Shield combine futures;
// Group runs tasks that fail together. None of them starts a goroutine to
// wait: they follow futures through completion callbacks.
//
// # Errors
//
// All errors are values for errors.Is and errors.As: ErrInvalidState,
// ErrCancelled, ErrShutdown, ErrGoexit, ErrGroupDone, ErrReturnWhen and
// *PanicError (a task function that
// panicked; the program does not crash).
//
// # Python → Go
//
//	Python                                    Go
//	f = Future()                              f := future.New[T]()
//	f.set_result(v) / f.set_exception(e)      f.SetResult(v) / f.SetError(err)
//	f.result(timeout=t)                       f.Result(ctx)   (ctx with a deadline)
//	f.result() on a pending asyncio future    f.TryResult()   (ErrInvalidState)
//	f.exception()                             f.Err()
//	f.done() / f.cancelled() / f.running()    f.IsDone() / f.Cancelled() / f.Running()
//	f.cancel()                                f.Cancel()
//	f.add_done_callback(fn)                   f.AddDoneCallback(fn), f.AfterDone(fn)
//	f.set_running_or_notify_cancel()          f.SetRunning()
//	asyncio.create_task(coro())               future.Go(ctx, fn)
//	ThreadPoolExecutor(max_workers=n)         ex := future.NewExecutor(n); defer ex.Close()
//	ex.submit(fn)                             future.Submit(context.Background(), ex, fn)
//	ex.map(fn, items)                         future.Map(ctx, ex, slices.Values(items), fn)
//	ex.shutdown(wait, cancel_futures=True)    ex.Shutdown(future.CancelPending()); ex.Wait(ctx)
//	asyncio.gather(*fs)                       future.Gather(ctx, fs...)
//	gather(*fs, return_exceptions=True)       future.GatherSettled(ctx, fs...)
//	wait(fs, return_when=FIRST_COMPLETED)     future.Wait(ctx, future.FirstCompleted, fs...)
//	asyncio.wait_for(aw, timeout)             future.WaitFor(ctx, f)
//	asyncio.shield(aw)                        future.Shield(f)
//	async with asyncio.TaskGroup() as tg      g := future.NewGroup(ctx); future.GoIn(g, fn); g.Wait()
//	CancelledError / InvalidStateError        ErrCancelled / ErrInvalidState
//	TimeoutError                              context.DeadlineExceeded
//
// # Cost
//
// Measured on the 2-core machine this library is developed on (go test -bench,
// see bench_test.go and executor_bench_test.go; the machine is noisy, so
// these are ranges): a pending Future[int] is an 88-byte struct in a 96-byte
// allocation, with room for one callback; New, SetResult and Result take one
// allocation and 150–280 ns; Result on a done future about 4 ns and no
// allocation; Go followed by Result 1.3–2.8 µs and 4 allocations, fewer than
// a bare goroutine with a channel and its own cancellable context (8). A task
// queued on an Executor holds 162 bytes (its 144-byte allocation and its
// share of the overflow list); 10,000 tiny tasks through 8 workers cost
// 250–450 ns each with Submit and Result, and 150–220 with Map, which
// allocates nothing per call; Gather and Wait follow 10,000 futures at
// about 350 ns each.
package future
