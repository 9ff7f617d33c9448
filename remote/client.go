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
	"github.com/nats-io/nuid"
)

// Client submits tasks to the workers of a pool and resolves their futures
// as results come back. It is safe for concurrent use. Create one with
// NewClient and release it with Close.
//
// A client has an id of its own; its results arrive on the subject
// PREFIX.results.ID through a durable consumer of the results stream, so
// results published while the client is disconnected wait for it.
type Client struct {
	nc   *nats.Conn
	js   jetstream.JetStream
	cfg  clientConfig
	id   string
	cons string // the results consumer's name
	cc   jetstream.ConsumeContext

	mu      sync.Mutex
	pending map[string]*pendingTask
	closed  bool

	submitted, completed, ignored, consumeErrors atomic.Int64
}

// pendingTask is the client's side of a submitted task: how to resolve its
// typed future.
type pendingTask struct {
	deliver    func(status string, data []byte)
	fail       func(err error)
	fromResult atomic.Bool // set before deliver: the task is done remotely
}

// ClientStats is a snapshot of a client's counters.
type ClientStats struct {
	Submitted     int64 // tasks stored on the server
	Completed     int64 // results that resolved a future
	Pending       int   // futures waiting for a result now
	Ignored       int64 // results for futures already done (cancelled, timed out, duplicates)
	ConsumeErrors int64 // transient errors of the results subscription (missed heartbeats, reconnects)
}

// NewClient creates the pool's streams if they do not exist yet, creates the
// client's results consumer and starts receiving results. The connection
// stays the caller's: Close does not close it, and it must outlive the client.
// Options must match the workers' (see Option).
func NewClient(nc *nats.Conn, opts ...ClientOption) (*Client, error) {
	if nc == nil {
		return nil, errors.New("remote: NewClient with a nil connection")
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("remote: %w", err)
	}
	c := &Client{nc: nc, js: js, cfg: newClientConfig(opts), id: nuid.Next(), pending: make(map[string]*pendingTask)}
	c.cons = "tulip-client-" + c.id
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.setupTimeout)
	defer cancel()
	if err := ensureStreams(ctx, js, &c.cfg.config); err != nil {
		return nil, err
	}
	var cons jetstream.Consumer
	err = retry(ctx, func(ctx context.Context) error {
		cons, err = js.CreateOrUpdateConsumer(ctx, c.cfg.resultsStream, jetstream.ConsumerConfig{
			Durable:       c.cons,
			Description:   "tulip remote: results of one client",
			FilterSubject: c.cfg.resultsSubject(c.id) + ".*",
			AckPolicy:     jetstream.AckExplicitPolicy,
			// The client acks each result as it handles it; a short wait
			// redelivers soon a result sent on a pull that a stopping server
			// lost. A redelivered duplicate finds no future and is ignored.
			AckWait:           5 * time.Second,
			DeliverPolicy:     jetstream.DeliverAllPolicy,
			InactiveThreshold: c.cfg.retention,
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("remote: results consumer: %w", err)
	}
	c.cc, err = cons.Consume(c.onResult,
		jetstream.PullMaxMessages(128),
		// Short pulls with frequent heartbeats: a pull request lost with a
		// server (a cluster member stopping) is noticed within seconds, not
		// after the default 30 s expiry.
		jetstream.PullExpiry(5*time.Second),
		jetstream.PullHeartbeat(time.Second),
		// Missed heartbeats and reconnects are transient: Consume goes on.
		jetstream.ConsumeErrHandler(func(jetstream.ConsumeContext, error) { c.consumeErrors.Add(1) }))
	if err != nil {
		c.deleteConsumer()
		return nil, fmt.Errorf("remote: consume results: %w", err)
	}
	return c, nil
}

// onResult resolves the future a result belongs to, once: the pending entry
// is removed under the lock, so a duplicate result finds nothing.
func (c *Client) onResult(msg jetstream.Msg) {
	id := msg.Headers().Get(hdrTask)
	if id == "" {
		id = lastToken(msg.Subject())
	}
	c.mu.Lock()
	p := c.pending[id]
	delete(c.pending, id)
	c.mu.Unlock()
	_ = msg.Ack() // a lost ack only means a duplicate, which finds no entry
	if p == nil {
		c.ignored.Add(1)
		return
	}
	c.completed.Add(1)
	p.fromResult.Store(true)
	p.deliver(msg.Headers().Get(hdrStatus), msg.Data())
}

// register adds a pending task; false after Close.
func (c *Client) register(id string, p *pendingTask) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.pending[id] = p
	return true
}

func (c *Client) unregister(id string) {
	c.mu.Lock()
	delete(c.pending, id)
	c.mu.Unlock()
}

// publishCancel tells the workers that a task's future is done without its
// result. It waits for no reply, so it is safe inside a done callback (which
// runs inside Cancel): nats.Conn.Publish only buffers the message, or holds it
// in the reconnect buffer while the connection is down. The message is
// both stored in the cancels stream (for a task still queued) and seen by
// every worker's subscription (for a task running).
func (c *Client) publishCancel(id string) {
	_ = c.nc.Publish(c.cfg.cancelSubject(id), nil)
}

// Stats returns a snapshot of the client's counters.
func (c *Client) Stats() ClientStats {
	c.mu.Lock()
	n := len(c.pending)
	c.mu.Unlock()
	return ClientStats{
		Submitted:     c.submitted.Load(),
		Completed:     c.completed.Load(),
		Pending:       n,
		Ignored:       c.ignored.Load(),
		ConsumeErrors: c.consumeErrors.Load(),
	}
}

// Close stops the client:
//
//   - every future still pending fails with ErrClosed, and a cancellation
//     is published for its task (a queued one will not run, a running one
//     sees its context cancelled);
//   - Submit after Close returns a future already failed with ErrClosed;
//   - the results subscription is stopped and waited for, so no goroutine of
//     the client is left, and the client's consumer and unread results are
//     deleted from the server.
//
// Close is idempotent. Its error reports a failed clean-up on the server (the
// consumer then expires after Retention); the futures are failed regardless.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	ps := make([]*pendingTask, 0, len(c.pending))
	for _, p := range c.pending {
		ps = append(ps, p)
	}
	c.mu.Unlock()

	c.cc.Stop()
	<-c.cc.Closed()
	for _, p := range ps {
		p.fail(ErrClosed) // its done callback publishes the cancellation
	}
	err := c.deleteConsumer()
	c.js.CleanupPublisher() // Map's asynchronous publishing, if any
	return err
}

func (c *Client) deleteConsumer() error {
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.setupTimeout)
	defer cancel()
	var errs []error
	if err := c.nc.FlushWithContext(ctx); err != nil {
		errs = append(errs, fmt.Errorf("flush: %w", err))
	}
	if err := c.js.DeleteConsumer(ctx, c.cfg.resultsStream, c.cons); err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
		errs = append(errs, fmt.Errorf("delete consumer: %w", err))
	}
	if s, err := c.js.Stream(ctx, c.cfg.resultsStream); err != nil {
		errs = append(errs, fmt.Errorf("purge results: %w", err))
	} else if err := s.Purge(ctx, jetstream.WithPurgeSubject(c.cfg.resultsSubject(c.id)+".*")); err != nil {
		errs = append(errs, fmt.Errorf("purge results: %w", err))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remote: close: %w", err)
	}
	return nil
}
