package remote

import "context"

// TaskInfo describes the remote task a function is running for.
type TaskInfo struct {
	ID      string // the task id (also its JetStream Nats-Msg-Id)
	Func    string // the function name
	Attempt int    // the delivery attempt, 1 for the first; more after a worker died
}

type infoKey struct{}

// Info returns the TaskInfo of the task whose function received ctx, and
// false for a context that is not a remote task's.
func Info(ctx context.Context) (TaskInfo, bool) {
	ti, ok := ctx.Value(infoKey{}).(TaskInfo)
	return ti, ok
}
