package semaphore

// Test hooks: nil except in this package's own tests, which set them to
// watch the queue's order (the stress test) and to end a waiter's context
// at the very moment of its hand-off (the cancellation race). Both are
// called with the semaphore's mu held. In the standard library's manner
// (net/http's testHook variables), they cost one nil check on the waiting
// paths and nothing in the Semaphore itself.
var (
	testHookQueued  func(s *Semaphore, w *waiter) // w joined the queue
	testHookGranted func(s *Semaphore, w *waiter) // Release handed w a permit
)
