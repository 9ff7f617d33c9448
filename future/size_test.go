package future

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// The sizes the documentation promises, on 64-bit platforms: a pending
// Future[int] fits a 96-byte allocation, a task from Submit a 144-byte one
// (so that a queued task and its ring slot stay within 200 bytes), a task
// from Go a 144-byte one: its function's context is built in, whatever the
// parent, with the timer a Sleep on it is woken through (see goContext), and
// so is the WaitGroup a blocking Result parks on (see goTask), so that
// Result allocates nothing; Go's function is in the goroutine's closure (a
// 32-byte allocation), not in the task. The Done channel is in the future
// itself (the room was there: Future[int] was 88 bytes in its 96-byte
// allocation), so that a blocking Result on any other future allocates only
// the channel.
func TestSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are documented for 64-bit platforms")
	}
	require.EqualValues(t, 96, unsafe.Sizeof(Future[int]{}))
	require.LessOrEqual(t, unsafe.Sizeof(execTask[int]{}), uintptr(144))
	require.EqualValues(t, 144, unsafe.Sizeof(goTask[int]{}))
}
