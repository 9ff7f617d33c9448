package remote

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/tulipgo/tulip/future"
)

// Worker takes tasks from the pool's work queue and runs them with the
// functions of its Registry, at most Concurrency at a time, on a
// future.Executor. Create one with NewWorker and serve with Run. Any number of
// workers, in any number of processes, share the queue: each task goes to one
// of them (and to another if its worker dies).
type Worker struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	reg     *Registry
	cfg     workerConfig
	cons    jetstream.Consumer
	cancels jetstream.Stream

	mu      sync.Mutex
	running map[string]*runningTask
	started bool

	received, succeeded, failed, cancelled, expired, redelivered, handedBack atomic.Int64
}

// runningTask is a task the worker has taken and not yet acknowledged.
type runningTask struct {
	msg    jetstream.Msg
	cancel context.CancelCauseFunc
}

var (
	errCancelledRemotely = errors.New("remote: task cancelled by its client")
	errDraining          = errors.New("remote: worker draining")
	errTaskTimeout       = errors.New("remote: task timeout")
)

// WorkerStats is a snapshot of a worker's counters.
type WorkerStats struct {
	Received    int64 // deliveries taken from the queue
	Succeeded   int64 // results published with a value
	Failed      int64 // results published with an error (any kind)
	Cancelled   int64 // tasks dropped or stopped because their client cancelled them
	Expired     int64 // tasks dropped because their deadline had passed
	Redelivered int64 // deliveries that were not a task's first
	HandedBack  int64 // tasks returned to the queue unfinished (draining, publish failure)
	Running     int   // tasks running now
}

// NewWorker creates the pool's streams if they do not exist yet and the
// workers' shared durable consumer, or updates it to these options. It does
// not take tasks until Run. The connection stays the caller's.
func NewWorker(nc *nats.Conn, r *Registry, opts ...WorkerOption) (*Worker, error) {
	if nc == nil {
		return nil, errors.New("remote: NewWorker with a nil connection")
	}
	if r == nil {
		return nil, errors.New("remote: NewWorker with a nil registry")
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("remote: %w", err)
	}
	w := &Worker{nc: nc, js: js, reg: r, cfg: newWorkerConfig(opts), running: make(map[string]*runningTask)}
	ctx, cancel := context.WithTimeout(context.Background(), w.cfg.setupTimeout)
	defer cancel()
	if err := ensureStreams(ctx, js, &w.cfg.config); err != nil {
		return nil, err
	}
	err = retry(ctx, func(ctx context.Context) error {
		w.cons, err = js.CreateOrUpdateConsumer(ctx, w.cfg.tasksStream, jetstream.ConsumerConfig{
			Durable:       w.cfg.consumer,
			Description:   "tulip remote: the workers' shared queue",
			FilterSubject: w.cfg.tasksSubject(),
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       w.cfg.ackWait,
			MaxDeliver:    -1,
			MaxAckPending: -1,
			DeliverPolicy: jetstream.DeliverAllPolicy,
		})
		if err != nil {
			return err
		}
		w.cancels, err = js.Stream(ctx, w.cfg.cancelsStream)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("remote: workers' consumer: %w", err)
	}
	return w, nil
}

// Stats returns a snapshot of the worker's counters.
func (w *Worker) Stats() WorkerStats {
	w.mu.Lock()
	n := len(w.running)
	w.mu.Unlock()
	return WorkerStats{
		Received: w.received.Load(), Succeeded: w.succeeded.Load(), Failed: w.failed.Load(),
		Cancelled: w.cancelled.Load(), Expired: w.expired.Load(), Redelivered: w.redelivered.Load(),
		HandedBack: w.handedBack.Load(), Running: n,
	}
}

// Run serves tasks until ctx ends, then drains and returns.
//
// Serving: Run asks the server for as many tasks as it has free slots, never
// more, runs each on its executor, sends an in-progress heartbeat for every
// running task each AckWait/3, publishes each result and then acknowledges
// the task (a worker dying in between has its task run again: at least once).
// Cancellations from clients reach running tasks through a subscription, and
// queued ones are checked against the cancels stream before they start.
// Connection trouble (a server restarting, a cluster electing a leader) is
// waited out with back-off.
//
// Draining, once ctx ends: Run takes no new task, lets the running ones
// finish and publishes their results, for up to DrainTimeout; tasks still
// running then have their context cancelled and are handed back to the queue
// unacknowledged, for another worker. Run returns when every task has been
// finished or handed back and the worker's goroutines have exited (so a
// function that ignores its cancelled context keeps Run waiting). Closing
// the connection before Run returns leaves the running tasks' results
// unpublished: the server redelivers those tasks after AckWait.
//
// Run returns nil after a drain caused by ctx, nats.ErrConnectionClosed
// (after draining) if the connection is closed under it, and an error at once
// if Run was already called: a Worker runs once.
func (w *Worker) Run(ctx context.Context) error {
	w.mu.Lock()
	if w.started {
		w.mu.Unlock()
		return errors.New("remote: Worker.Run called twice")
	}
	w.started = true
	w.mu.Unlock()

	sub, err := w.nc.Subscribe(w.cfg.cancelSubject("*"), w.onCancel)
	if err != nil {
		return fmt.Errorf("remote: subscribe to cancellations: %w", err)
	}
	defer func() { _ = sub.Unsubscribe() }()

	hbCtx, stopHeartbeats := context.WithCancel(context.Background())
	hbDone := make(chan struct{})
	go w.heartbeats(hbCtx, hbDone)
	defer func() { stopHeartbeats(); <-hbDone }()

	ex := future.NewExecutor(w.cfg.concurrency)
	slots := make(chan struct{}, w.cfg.concurrency)
	for range w.cfg.concurrency {
		slots <- struct{}{}
	}
	runErr := w.serve(ctx, ex, slots)

	drained := make(chan struct{})
	go func() { _ = ex.Close(); close(drained) }()
	t := time.NewTimer(w.cfg.drainTimeout)
	defer t.Stop()
	select {
	case <-drained:
	case <-t.C:
		w.mu.Lock()
		for _, rt := range w.running {
			rt.cancel(errDraining)
		}
		w.mu.Unlock()
		<-drained
	}
	return runErr
}

// serve is Run's fetch loop: it returns when ctx ends or the connection is
// closed.
func (w *Worker) serve(ctx context.Context, ex *future.Executor, slots chan struct{}) error {
	wait := 20 * time.Millisecond
	for {
		if ctx.Err() != nil { // select below picks at random among ready cases
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-slots:
		}
		n := 1
	more:
		for {
			select {
			case <-slots:
				n++
			default:
				break more
			}
		}
		used := 0
		batch, err := w.cons.Fetch(n, jetstream.FetchMaxWait(w.cfg.fetchWait))
		if err == nil {
			for msg := range batch.Messages() {
				if ctx.Err() != nil {
					_ = msg.Nak() // fetched as the drain began: for another worker
					w.handedBack.Add(1)
					continue
				}
				used++
				w.start(ex, msg, slots)
			}
			err = batch.Error()
		}
		for range n - used {
			slots <- struct{}{}
		}
		if w.nc.IsClosed() {
			return nats.ErrConnectionClosed
		}
		if err == nil || errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
			wait = 20 * time.Millisecond
			continue
		}
		// The server is away or electing a leader (ErrNoHeartbeat and the like
		// are transient too): back off and ask again.
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}

// start runs one delivery on the executor; its slot returns when it is done.
func (w *Worker) start(ex *future.Executor, msg jetstream.Msg, slots chan struct{}) {
	w.received.Add(1)
	id := msg.Headers().Get(nats.MsgIdHdr)
	tctx, cancel := context.WithCancelCause(context.Background())
	rt := &runningTask{msg: msg, cancel: cancel}
	w.mu.Lock()
	w.running[id] = rt
	w.mu.Unlock()
	// Not tctx as the parent: execute must run even if the task is
	// cancelled at once, to acknowledge it.
	f := future.Submit(context.Background(), ex, func(context.Context) (struct{}, error) {
		w.execute(tctx, id, msg)
		return struct{}{}, nil
	})
	f.AddDoneCallback(func(*future.Future[struct{}]) {
		cancel(nil)
		w.mu.Lock()
		if w.running[id] == rt {
			delete(w.running, id)
		}
		w.mu.Unlock()
		slots <- struct{}{}
	})
}

// onCancel cancels the context of a running task whose client cancelled it.
func (w *Worker) onCancel(m *nats.Msg) {
	w.mu.Lock()
	rt := w.running[lastToken(m.Subject)]
	w.mu.Unlock()
	if rt != nil {
		rt.cancel(errCancelledRemotely)
	}
}

// heartbeats tells the server every AckWait/3 that the running tasks are in
// progress, so it does not redeliver them.
func (w *Worker) heartbeats(ctx context.Context, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(max(w.cfg.ackWait/3, time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		for _, rt := range w.running {
			_ = rt.msg.InProgress()
		}
		w.mu.Unlock()
	}
}
