package future

import (
	"errors"
	"fmt"
	"runtime"
)

// ErrSelfWait is the panic value (wrapped with what to do instead) of Close
// or Wait called from one of the executor's own tasks: the task would wait
// for the workers to exit, its own among them, forever. Python raises
// RuntimeError("cannot join current thread") there. The panic ends the task
// with a *PanicError that errors.Is ErrSelfWait; Close has shut the
// executor down first.
var ErrSelfWait = errors.New("future: an executor's own task waited for the executor to finish")

// checkNotWorker panics with ErrSelfWait if the calling goroutine is one of
// ex's workers. It costs a look at the goroutine's stack header, once per
// Close or Wait while workers run.
func (ex *Executor) checkNotWorker(method string) {
	if ex.workers.Load() == 0 {
		return
	}
	id := goid()
	ex.mu.Lock()
	_, mine := ex.workerIDs[id]
	ex.mu.Unlock()
	if mine {
		panic(fmt.Errorf("%w: Executor.%s called from one of its tasks would never return; "+
			"call Shutdown there, and Close or Wait from outside the executor", ErrSelfWait, method))
	}
}

// goid returns the calling goroutine's id, read from the header of its
// stack trace ("goroutine 42 [running]:"). The runtime exports no cheaper
// way; workers call it once, when they start, and Close and Wait once.
func goid() uint64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	if len(b) < len(prefix) {
		return 0
	}
	var id uint64
	for _, c := range b[len(prefix):] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
