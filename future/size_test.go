package future

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// The sizes the documentation promises, on 64-bit platforms: a pending
// Future[int] fits a 96-byte allocation, a task from Submit a 160-byte one
// (so that a queued task and its ring slot stay within 200 bytes), a task
// from Go a 128-byte one.
func TestSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are documented for 64-bit platforms")
	}
	require.EqualValues(t, 88, unsafe.Sizeof(Future[int]{}))
	require.EqualValues(t, 152, unsafe.Sizeof(execTask[int]{}))
	require.EqualValues(t, 128, unsafe.Sizeof(goTask[int]{}))
}
