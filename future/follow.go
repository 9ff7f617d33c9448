package future

// follow registers a completion callback on each of fs that sends the future
// on the returned channel, which is buffered for all of them so that a
// callback never blocks. stop unregisters the callbacks that have not run;
// call it when done waiting. This is how the combinators wait on many futures
// without a goroutine per future.
func follow[F Awaitable](fs []F) (completed <-chan F, stop func()) {
	ch := make(chan F, len(fs))
	stops := make([]func() bool, len(fs))
	for i, f := range fs {
		stops[i] = f.AfterDone(func() { ch <- f })
	}
	return ch, func() {
		for _, s := range stops {
			s()
		}
	}
}
