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
// An [Executor] runs submitted functions on a bounded set of reused workers,
// in submission order, with an optional bound on its queue ([QueueSize]);
// [Map] streams an input through it with results in input order. [Gather],
// [GatherSettled], [Wait], [WaitFor] and [Shield] combine futures; [Group]
// runs tasks that fail together, optionally at most n at once. None of them
// starts a goroutine to wait: they follow futures through completion
// callbacks.
//
// # Errors
//
// All errors are values for errors.Is and errors.As: [ErrInvalidState],
// [ErrCancelled], [ErrShutdown], [ErrGoexit], [ErrGroupDone] and
// [*PanicError] (a task function that panicked; the program does not crash).
// Misuse that is a programming error panics with a message saying what to do
// instead: [ErrSelfWait] (Close from the executor's own task), an invalid
// [ReturnWhen] ([ErrReturnWhen]), a zero Executor.
//
// # Cancellation is cooperative
//
// Cancel and the end of a context reach a running function only through its
// context: a function that never looks at ctx cannot be stopped. time.Sleep
// and CPU-bound loops do not look; use [Sleep], select on ctx.Done(), or check
// ctx.Err() between steps.
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
//	await f                                   f.Result(ctx), or <-f.Done() in a select
//	asyncio.create_task(coro())               future.Go(ctx, fn)
//	asyncio.to_thread / run_in_executor       future.Go(ctx, fn) / future.Submit(ctx, ex, fn)
//	asyncio.sleep(d)                          future.Sleep(ctx, d)
//	asyncio.timeout(d) / wait_for timeout     context.WithTimeout(ctx, d)
//	ThreadPoolExecutor(max_workers=n)         ex := future.NewExecutor(n); defer ex.Close()
//	  (a bounded work queue)                  future.NewExecutor(n, future.QueueSize(q))
//	ex.submit(fn)                             future.Submit(ctx, ex, fn)
//	ex.map(fn, items)                         future.Map(ctx, ex, slices.Values(items), fn)
//	ex.shutdown(wait, cancel_futures=True)    ex.Shutdown(future.CancelPending()); ex.Wait(ctx)
//	asyncio.gather(*fs)                       future.Gather(ctx, fs...)
//	gather(*fs, return_exceptions=True)       future.GatherSettled(ctx, fs...)
//	wait(fs, return_when=FIRST_COMPLETED)     future.Wait(ctx, future.FirstCompleted, fs...)
//	asyncio.wait_for(aw, timeout)             future.WaitFor(ctx, f)
//	asyncio.shield(aw)                        future.Shield(f)
//	async with asyncio.TaskGroup() as tg      g := future.NewGroup(ctx); future.GoIn(g, fn); g.Wait()
//	as_completed(fs)                          ascompleted.Of(ctx, fs...)   (package ascompleted)
//	asyncio.Semaphore / BoundedSemaphore      semaphore.New(n)             (package semaphore)
//	asyncio.Queue                             a buffered channel: make(chan T, n)
//	asyncio.Event                             a channel you close: close(ch), <-ch
//	asyncio.Lock                              sync.Mutex
//	asyncio.Condition                         sync.Cond, or a channel per waiter
//	loop.call_later(d, fn)                    time.AfterFunc(d, fn)
//	CancelledError / InvalidStateError        ErrCancelled / ErrInvalidState
//	TimeoutError                              context.DeadlineExceeded
//
// # Cost
//
// A future is one small allocation; Result on a done future, and Done on
// one, allocate nothing. A task from Go is one goroutine and one allocation
// (its function's context is built in, whatever its ctx), and a Result
// blocked on it with a ctx that can never end allocates nothing. A task
// queued on an Executor is one allocation and a queue slot, and Map
// allocates nothing per call. The combinators follow futures through
// completion callbacks and start no goroutine to wait. The measured numbers,
// side by side with the other Go libraries, are in the repository's
// benchmarks/README.md.
package future
