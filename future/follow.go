package future

// follow watches each of fs and sends it on the returned channel once it is
// done; the channel is buffered for all of them, so that a completion never
// blocks. stop removes the registrations of the futures not yet done; call
// it when done waiting. This is how the combinators wait on many futures
// without a goroutine per future: one allocation for all the watchers, none
// per future.
func follow[F Awaitable](fs []F) (completed <-chan F, stop func()) {
	ch := make(chan F, len(fs))
	ws := make([]follower[F], len(fs))
	for i, f := range fs {
		ws[i] = follower[F]{f: f, ch: ch}
		ws[i].id = f.Watch(&ws[i])
	}
	return ch, func() {
		for i := range ws {
			ws[i].f.Unwatch(ws[i].id)
		}
	}
}

// follower is one future's Watcher in follow.
type follower[F Awaitable] struct {
	f  F
	ch chan F
	id uint32
}

func (w *follower[F]) FutureDone() { w.ch <- w.f }
