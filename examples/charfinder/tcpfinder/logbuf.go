package main

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// logFlushDelay is how long a log line may wait in the buffer.
const logFlushDelay = 100 * time.Millisecond

// bufferedLog batches log writes: a line reaches the underlying writer
// within logFlushDelay, or at once when 64 KiB are pending, so a busy server
// does not make one write system call per log line (Python's print is block
// buffered the same way when its output is not a terminal). It is safe for
// concurrent use; Flush before exiting.
type bufferedLog struct {
	mu    sync.Mutex
	w     *bufio.Writer
	timer *time.Timer // pending flush, nil when the buffer is empty
}

func newBufferedLog(w io.Writer) *bufferedLog {
	return &bufferedLog{w: bufio.NewWriterSize(w, 64<<10)}
}

func (l *bufferedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.w.Write(p)
	if l.timer == nil && l.w.Buffered() > 0 {
		l.timer = time.AfterFunc(logFlushDelay, func() { l.Flush() })
	}
	return n, err
}

// Flush writes out what is buffered now.
func (l *bufferedLog) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	return l.w.Flush()
}
