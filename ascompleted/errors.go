package ascompleted

import "fmt"

// UnfinishedError reports that the context ended while futures were still
// unfinished: Python's TimeoutError("2 (of 4) futures unfinished"). It
// unwraps to the context's error, so errors.Is(err, context.DeadlineExceeded)
// tells a timeout from a cancellation.
type UnfinishedError struct {
	Unfinished int   // futures not yet yielded
	Total      int   // distinct futures followed
	Err        error // the context's error
}

func (e *UnfinishedError) Error() string {
	return fmt.Sprintf("%d (of %d) futures unfinished: %v", e.Unfinished, e.Total, e.Err)
}

func (e *UnfinishedError) Unwrap() error { return e.Err }
