package future_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tulipgo/tulip/future"
)

// busy occupies ex's only worker until the returned release is called, so
// that later tasks stay queued: a fixed starting point for the examples.
func busy(ex *future.Executor) (release func()) {
	started, gate := make(chan struct{}), make(chan struct{})
	future.Submit(context.Background(), ex, func(context.Context) (struct{}, error) {
		close(started)
		<-gate
		return struct{}{}, nil
	})
	<-started
	return func() { close(gate) }
}

// An executor is created, used and closed; Close waits for what was
// submitted. With one worker, tasks run one at a time in submission order.
//
// Python: with ThreadPoolExecutor(max_workers=1) as ex: ex.submit(fn) ...
func ExampleExecutor() {
	ex := future.NewExecutor(1)
	var log []string
	for _, step := range []string{"download", "resize", "upload"} {
		future.Submit(context.Background(), ex, func(context.Context) (struct{}, error) {
			log = append(log, step) // one worker: no data race
			return struct{}{}, nil
		})
	}
	_ = ex.Close() // shutdown(wait=True): every queued task runs first
	fmt.Println(log)
	// Output:
	// [download resize upload]
}

// Close satisfies io.Closer and is meant for defer; after it, Submit is
// refused with ErrShutdown instead of running.
//
// Python: ex.shutdown(); ex.submit(fn) raises RuntimeError
func ExampleExecutor_Close() {
	ex := future.NewExecutor(2)
	defer ex.Close() // a second Close is harmless
	sq := future.Submit(context.Background(), ex, func(context.Context) (int, error) { return 9 * 9, nil })
	fmt.Println(sq.Result(context.Background()))

	_ = ex.Close()
	late := future.Submit(context.Background(), ex, func(context.Context) (int, error) { return 1, nil })
	fmt.Println(errors.Is(late.Err(), future.ErrShutdown))
	// Output:
	// 81 <nil>
	// true
}

// Shutdown with CancelPending drops what is still queued; the running task
// finishes. Wait then blocks until the workers have exited.
//
// Python: ex.shutdown(wait=True, cancel_futures=True)
func ExampleExecutor_Shutdown() {
	ex := future.NewExecutor(1)
	release := busy(ex)
	var queued []*future.Future[int]
	for i := range 3 {
		queued = append(queued, future.Submit(context.Background(), ex, func(context.Context) (int, error) { return i, nil }))
	}

	ex.Shutdown(future.CancelPending()) // returns at once
	release()
	fmt.Println(ex.Wait(context.Background()))
	for _, f := range queued {
		fmt.Println(f.State())
	}
	// Output:
	// <nil>
	// cancelled
	// cancelled
	// cancelled
}

// Stats gives an operator's view: gauges of the load now and counters of
// everything done so far, which add up once the executor is idle.
//
// Python: (no equivalent; ThreadPoolExecutor keeps its counts private)
func ExampleExecutor_Stats() {
	ex := future.NewExecutor(4)
	ctx := context.Background()
	fs := []*future.Future[int]{
		future.Submit(ctx, ex, func(context.Context) (int, error) { return 1, nil }),
		future.Submit(ctx, ex, func(context.Context) (int, error) { return 2, nil }),
		future.Submit(ctx, ex, func(context.Context) (int, error) { return 0, errors.New("bad input") }),
	}
	_, _ = future.GatherSettled(ctx, fs...)
	_ = ex.Close()

	st := ex.Stats()
	fmt.Printf("max %d, workers %d, running %d, queued %d\n", st.MaxWorkers, st.Workers, st.Running, st.Queued)
	fmt.Printf("submitted %d = completed %d + failed %d + cancelled %d\n", st.Submitted, st.Completed, st.Failed, st.Cancelled)
	// Output:
	// max 4, workers 0, running 0, queued 0
	// submitted 3 = completed 2 + failed 1 + cancelled 0
}

type requestIDKey struct{}

// Submit's ctx is the task's parent: its values reach fn, as they would
// reach a function called directly.
//
// Python: ex.submit(contextvars.copy_context().run, fn)
func ExampleSubmit_contextValues() {
	ex := future.NewExecutor(2)
	defer ex.Close()
	ctx := context.WithValue(context.Background(), requestIDKey{}, "req-42")
	f := future.Submit(ctx, ex, func(ctx context.Context) (string, error) {
		return "handled " + ctx.Value(requestIDKey{}).(string), nil
	})
	fmt.Println(f.Result(context.Background()))
	// Output:
	// handled req-42 <nil>
}

// A deadline on Submit's ctx also bounds the wait in the queue: a task still
// queued when it passes leaves the queue and never runs.
//
// Python: no direct equivalent (a queued cf.Future has no deadline of its own)
func ExampleSubmit_deadline() {
	ex := future.NewExecutor(1)
	defer ex.Close()
	release := busy(ex) // the only worker is taken

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	ran := false
	f := future.Submit(ctx, ex, func(context.Context) (int, error) {
		ran = true
		return 1, nil
	})
	_, err := f.Result(context.Background()) // ends with the deadline
	release()
	_ = ex.Close()
	fmt.Println(err, f.State(), "ran:", ran)
	// Output:
	// context deadline exceeded finished ran: false
}

// QueueSize bounds the queue: TrySubmit refuses at once when it is full,
// so a server can shed load (503) instead of piling up work.
//
// Python: no equivalent (ThreadPoolExecutor's queue is unbounded)
func ExampleTrySubmit() {
	ex := future.NewExecutor(1, future.QueueSize(2))
	defer ex.Close()
	release := busy(ex) // one running, room for two more in the queue
	defer release()

	for req := 1; req <= 3; req++ {
		_, ok := future.TrySubmit(context.Background(), ex, func(context.Context) (int, error) { return req, nil })
		fmt.Printf("request %d accepted: %v\n", req, ok)
	}
	fmt.Println("queued:", ex.Stats().Queued)
	// Output:
	// request 1 accepted: true
	// request 2 accepted: true
	// request 3 accepted: false
	// queued: 2
}

// With QueueSize, Submit blocks while the queue is full: backpressure on the
// producer. A deadline on its ctx bounds that wait; the task then never runs.
//
// Python: no equivalent (a bounded queue.Queue in front of the pool plays it)
func ExampleQueueSize() {
	ex := future.NewExecutor(1, future.QueueSize(1))
	defer ex.Close()
	release := busy(ex)
	first := future.Submit(context.Background(), ex, func(context.Context) (string, error) { return "first", nil })

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	second := future.Submit(ctx, ex, func(context.Context) (string, error) { return "second", nil }) // blocks until the deadline
	fmt.Println("second:", second.Err())

	release()
	fmt.Println(first.Result(context.Background()))
	// Output:
	// second: context deadline exceeded
	// first <nil>
}

// Sleep is the cancellable pause for tasks: Cancel ends it at once, where
// time.Sleep would hold the task until it woke.
//
// Python: await asyncio.sleep(3600), then task.cancel()
func ExampleSleep() {
	fmt.Println(future.Sleep(context.Background(), time.Millisecond)) // a full pause

	task := future.Go(context.Background(), func(ctx context.Context) (string, error) {
		if err := future.Sleep(ctx, time.Hour); err != nil {
			return "", err // context.Canceled: the task ends cancelled
		}
		return "woke up", nil
	})
	task.Cancel()
	_, err := task.Result(context.Background()) // at once, not in an hour
	fmt.Println(errors.Is(err, future.ErrCancelled))
	// Output:
	// <nil>
	// true
}

// Cancel on a queued task takes it out of the queue: it never runs. A task
// that already runs can only be asked to stop (its context is cancelled).
//
// Python: f = ex.submit(fn); f.cancel()  # True while f is still queued
func ExampleExecutor_cancelQueued() {
	ex := future.NewExecutor(1)
	release := busy(ex)
	ran := false
	f := future.Submit(context.Background(), ex, func(context.Context) (int, error) {
		ran = true
		return 1, nil
	})
	fmt.Println("cancelled:", f.Cancel(), f.State())
	release()
	_ = ex.Close()
	fmt.Println("ran:", ran)
	// Output:
	// cancelled: true cancelled
	// ran: false
}
