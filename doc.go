// Package tulip brings Python's concurrency primitives to Go: generic futures
// and cancellable tasks, an executor with an ordered map, gather and wait,
// completion-order iteration and a bounded FIFO semaphore, plus a terminal
// spinner. (Tulip was the code name of asyncio.)
//
// This package holds documentation only; the code lives in its subpackages:
//
//	future       Future[T], tasks (Go), and what is built on them
//	semaphore    a bounded, strictly FIFO, context-aware semaphore
//	ascompleted  completion-order iteration over futures, as an iter.Seq2
//	spinner      a terminal spinner that runs while a function works
//
// # Which package to use
//
// To run a function concurrently and collect its result later, use
// future.Go and Future.Result. To hand out a result from code that does
// not return it directly (a callback, another goroutine), create a
// future.New and resolve it with SetResult or SetError. To react to
// results in the order they arrive, range over ascompleted.Of. To bound how
// many operations run at once, use a semaphore.
//
// # Python → Go
//
//	Python                                         Go
//	concurrent.futures.Future / asyncio.Future     future.Future[T] (future.New)
//	asyncio.create_task(coro)                      future.Go(ctx, fn)
//	fut.result(timeout) / await fut                fut.Result(ctx)
//	fut.cancel() / task.cancel()                   fut.Cancel()
//	fut.add_done_callback(fn)                      fut.AddDoneCallback(fn)
//	CancelledError                                 future.ErrCancelled (also context.Canceled)
//	InvalidStateError                              future.ErrInvalidState
//	TimeoutError                                   context.DeadlineExceeded
//	asyncio.BoundedSemaphore(n)                    semaphore.New(n)
//	await sem.acquire() / sem.release()            sem.Acquire(ctx) / sem.Release()
//	async with sem: ...                            sem.Do(ctx, fn)
//	sem.locked()                                   sem.Locked() (also Available, Waiters, Cap)
//	cf.as_completed(fs, timeout)                   for f, err := range ascompleted.Of(ctx, fs...)
//	async for f in asyncio.as_completed(fs)        (the same; ascompleted.OfAny for mixed types)
//	dask's as_completed(fs).add(f)                 ascompleted.NewFeed(fs...).Add(f)
//	the book's spinner + supervisor(slow)          spinner.Run(ctx, "thinking!", slow)
//	ThreadPoolExecutor / executor.submit(fn)       future.NewExecutor(n) / future.Submit(ctx, ex, fn)
//	executor.map(fn, items)                        future.Map(ctx, ex, slices.Values(items), fn)
//	asyncio.gather / asyncio.wait                  future.Gather / future.Wait
//	asyncio.TaskGroup                              future.NewGroup(ctx), future.GoIn(g, fn)
//	  at most n at once (errgroup.SetLimit)        g.SetLimit(n)
//	asyncio.to_thread(fn) / run_in_executor        future.Go(ctx, fn) / future.Submit(ctx, ex, fn)
//	asyncio.sleep(d)                               future.Sleep(ctx, d) (time.Sleep cannot be cancelled)
//	asyncio.timeout(d) / asyncio.wait_for          context.WithTimeout(ctx, d) / future.WaitFor(ctx, f)
//
// What Go already has, so there is no need to look for it here:
//
//	asyncio.Queue                                  a buffered channel: make(chan T, n)
//	asyncio.Event                                  a channel that you close: close(ch); <-ch
//	asyncio.Lock                                   sync.Mutex
//	asyncio.Condition                              sync.Cond
//	loop.call_later(d, fn)                         time.AfterFunc(d, fn)
//	loop.run_until_complete / asyncio.run          just call the function: goroutines need no loop
//
// Conventions throughout: a context.Context comes first in anything that
// blocks and plays the part of Python's timeout and cancellation; anything a
// caller's input or circumstances can cause is an error returned, never a
// panic, and errors are errors.Is-able sentinels or errors.As-able types; a
// panic is kept for programming errors (a zero Executor, QueueSize(0), a
// Feed ranged over twice), with a message that says what to do instead;
// generators are iter.Seq or iter.Seq2.
package tulip
