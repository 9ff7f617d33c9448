package future

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// After 2^32 AfterDone/Watch registrations on one long-lived future (a
// shutdown future that every request waits on with Wait or Gather, say), the
// id counter wraps to 0, the id of AddDoneCallback's registrations and
// Watch's "already done". The stop of the AfterDone that got id 0 then
// removes an AddDoneCallback registration instead, and a Watch that got 0
// cannot be unwatched (its watcher stays on the future).
func TestIDWrapRemovesAddDoneCallback(t *testing.T) {
	f := New[int]()
	ran := false
	f.AddDoneCallback(func(*Future[int]) { ran = true })
	f.nextID = math.MaxUint32 // as after 2^32-1 registrations, each since removed
	stop := f.AfterDone(func() {})
	stop() // removes its own registration, and only that
	require.NoError(t, f.SetResult(1))
	require.True(t, ran, "AfterDone's stop removed an AddDoneCallback registration")
}

// After the wrap, a new registration gets the id of one still in place (an
// old, long-lived one): Unwatch of the new one removes the old one.
func TestIDWrapCollides(t *testing.T) {
	f := New[int]()
	oldRan := false
	f.AfterDone(func() { oldRan = true }) // id 1, stays
	f.nextID = math.MaxUint32             // about to wrap: the next id would be 1 again
	stop := f.AfterDone(func() {})
	require.True(t, stop())
	require.NoError(t, f.SetResult(1))
	require.True(t, oldRan, "the new registration's stop removed the old one with the same id")
}
