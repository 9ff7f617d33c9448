package semaphore

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// onGrant makes the next hand-offs of s call fn, with s's mutex held, until
// the test ends.
func onGrant(t *testing.T, s *Semaphore, fn func()) {
	testHookGranted = func(hs *Semaphore, _ *waiter) {
		if hs == s {
			fn()
		}
	}
	t.Cleanup(func() { testHookGranted = nil })
}
