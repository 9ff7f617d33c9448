// Package remote runs tulip futures across machines, on NATS JetStream: Submit
// returns an ordinary *future.Future, so Gather, Wait, WaitFor and the
// ascompleted package work on remote tasks unchanged (as Dask's
// Client.submit returns futures that distributed.as_completed consumes).
//
// A pool is any number of workers and clients on one NATS server or cluster
// with JetStream enabled:
//
//	var IsPrime = remote.NewFunc[int64, bool]("primes.is-prime")
//
//	// worker process
//	reg := remote.NewRegistry()
//	remote.Register(reg, IsPrime, isPrime)
//	w, err := remote.NewWorker(nc, reg, remote.Concurrency(4))
//	err = w.Run(ctx) // until ctx ends, then drains
//
//	// client process
//	c, err := remote.NewClient(nc)
//	defer c.Close()
//	ok, err := remote.Submit(ctx, c, IsPrime, 1_000_003).Result(ctx)
//
// # Guarantees
//
//   - Each future completes exactly once: with the task's result, its
//     cancellation, its ctx's end, or the client's Close, whichever comes
//     first; later results of the same task are ignored.
//   - Execution is at least once. A task is acknowledged only after its
//     result is stored, so a worker that dies mid-task has it redelivered to
//     another after AckWait (running tasks send in-progress heartbeats, so a
//     long task is not redelivered while its worker lives). Functions must be
//     idempotent.
//   - Submit stores a task once: its task id is the message's Nats-Msg-Id,
//     and the server drops duplicates within its two-minute window, so
//     Submit's retries after a lost acknowledgement do not run it twice.
//   - Only text crosses the wire for an error: the client gets an *Error
//     with the function's error message; errors.Is matches the package's
//     sentinels (ErrUnknownFunc, ErrTimeout, ErrPanic with the worker's stack
//     as text, ErrTooManyDeliveries), not the function's own error values.
//   - Cancel on a future cancels it at once and publishes the cancellation
//     without blocking (it runs inside Cancel): a task still queued never
//     runs, a running one sees its context cancelled.
//   - A ctx that ends before the result behaves as for a local task (see
//     Submit), and Close fails every pending future with ErrClosed and
//     leaves no goroutine behind (see Client.Close).
//   - Run drains when its ctx ends (see Worker.Run).
//
// # Protocol
//
// Three streams, created (or updated to its options) by every client and
// worker as it starts (names, subject prefix, replicas and retention are
// options, and every member of a pool must use the same):
//
//	TULIP_TASKS    tulip.tasks            work queue: one message per task
//	TULIP_RESULTS  tulip.results.C.T      work queue: the result of task T for client C
//	TULIP_CANCELS  tulip.cancel.T         limits, one per subject: task T was cancelled
//
// A task message has the headers Nats-Msg-Id (the task id T, a NUID),
// Tulip-Func (the function name), Tulip-Reply (tulip.results.C.T),
// optionally Tulip-Deadline (Submit's ctx deadline in Unix nanoseconds) and
// Tulip-Timeout (the client's TaskTimeout), and the input encoded by the
// codec as its body.
//
// Workers share one durable pull consumer of the tasks stream (explicit ack,
// AckWait). A worker fetches at most as many tasks as it has free slots, so
// no task waits inside a worker, and for each one: checks TULIP_CANCELS for
// T (a cancelled task is acknowledged and dropped), drops an expired one,
// runs the function, publishes the result to Tulip-Reply with Nats-Msg-Id
// r-T and Tulip-Status (ok, error, panic, unknown, timeout, redelivered),
// and only then acknowledges the task. The body of an ok result is the
// output encoded by the codec; any other's is JSON {"message", "stack"}.
// Every worker also subscribes to tulip.cancel.* and cancels the context of
// a running task named there.
//
// Each client has a durable consumer of TULIP_RESULTS filtered on
// tulip.results.C.*, with an inactivity threshold of Retention, so a client
// that dies leaves nothing behind for long. The client resolves the future
// of task T with the first result for T and acknowledges every result. When
// a future ends any other way (Cancel, ctx, Close), the client publishes an
// empty message to tulip.cancel.T: stored in TULIP_CANCELS for a task not yet
// taken, delivered to the workers' subscriptions for a running one.
//
// # Cost
//
// Submit is one JetStream publish (a round trip to the server); a task's
// execution adds a fetch, a cancellation lookup, a result publish and an
// acknowledgement. See the README for the measured round trip and throughput.
package remote
