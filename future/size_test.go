package future

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// The sizes the documentation promises, on 64-bit platforms: a pending
// Future[int] fits a 96-byte allocation, a task from Submit a 144-byte one
// (so that a queued task and its ring slot stay within 200 bytes), a task
// from Go a 144-byte one. The Done channel is in the future itself (the
// room was there: Future[int] was 88 bytes in its 96-byte allocation), so
// that a blocking Result allocates only the channel. A task from Go holds
// the WaitGroup a blocking Result parks on instead (see goTask), so that
// Result allocates nothing; the room for it is its function's, which moved
// to the goroutine's closure (8 bytes more there, a 32-byte allocation).
func TestSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are documented for 64-bit platforms")
	}
	require.EqualValues(t, 96, unsafe.Sizeof(Future[int]{}))
	require.EqualValues(t, 144, unsafe.Sizeof(execTask[int]{}))
	require.EqualValues(t, 144, unsafe.Sizeof(goTask[int]{}))
}
