package remote

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Message headers of the protocol (see the package documentation).
const (
	hdrFunc     = "Tulip-Func"     // task: the function name
	hdrReply    = "Tulip-Reply"    // task: the subject for its result
	hdrDeadline = "Tulip-Deadline" // task: Submit's ctx deadline, Unix nanoseconds
	hdrTimeout  = "Tulip-Timeout"  // task: the client's TaskTimeout, a Go duration
	hdrStatus   = "Tulip-Status"   // result: ok, error, panic, unknown, timeout, redelivered
	hdrTask     = "Tulip-Task"     // result: the task id
)

func (c *config) tasksSubject() string                { return c.prefix + ".tasks" }
func (c *config) resultsSubject(client string) string { return c.prefix + ".results." + client }
func (c *config) cancelSubject(task string) string    { return c.prefix + ".cancel." + task }

// lastToken returns what follows the last dot of a subject.
func lastToken(subject string) string {
	return subject[strings.LastIndexByte(subject, '.')+1:]
}

// ensureStreams creates the three streams, or updates them to this config.
func ensureStreams(ctx context.Context, js jetstream.JetStream, c *config) error {
	cfgs := []jetstream.StreamConfig{{
		Name:        c.tasksStream,
		Description: "tulip remote: tasks waiting for a worker",
		Subjects:    []string{c.tasksSubject()},
		Retention:   jetstream.WorkQueuePolicy,
		MaxAge:      c.retention,
		Replicas:    c.replicas,
		Duplicates:  min(2*time.Minute, c.retention),
	}, {
		Name:        c.resultsStream,
		Description: "tulip remote: results waiting for their client",
		Subjects:    []string{c.prefix + ".results.>"},
		Retention:   jetstream.WorkQueuePolicy,
		MaxAge:      c.retention,
		Replicas:    c.replicas,
		Duplicates:  min(2*time.Minute, c.retention),
	}, {
		Name:              c.cancelsStream,
		Description:       "tulip remote: cancelled task ids",
		Subjects:          []string{c.prefix + ".cancel.*"},
		Retention:         jetstream.LimitsPolicy,
		MaxAge:            c.retention,
		MaxMsgsPerSubject: 1,
		Replicas:          c.replicas,
		AllowDirect:       true,
	}}
	for _, cfg := range cfgs {
		err := retry(ctx, func(ctx context.Context) error {
			_, err := js.CreateOrUpdateStream(ctx, cfg)
			return err
		})
		if err != nil {
			return fmt.Errorf("remote: stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}

// retry calls fn until it succeeds, ctx ends or the server calls the request
// bad (400), backing off from 20 ms to 1 s, each attempt bounded by 2 s; it
// returns fn's last error.
func retry(ctx context.Context, fn func(context.Context) error) error {
	wait := 20 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err := fn(actx)
		cancel()
		if err == nil {
			return nil
		}
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) && apiErr.Code == 400 {
			return err // a bad request (an invalid config) stays bad
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}
