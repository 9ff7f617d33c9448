package semaphore_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/tulipgo/tulip/semaphore"
)

// Limiting concurrent downloads, as flags2_asyncio does with
// `async with semaphore:`. Do releases the permit however fn ends.
func ExampleSemaphore_Do() {
	ctx := context.Background()
	sem := semaphore.New(3) // at most 3 downloads at a time
	var inFlight, peak atomic.Int32

	download := func(ctx context.Context, cc string) error {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		return nil // fetch the flag for cc here
	}

	var wg sync.WaitGroup
	for _, cc := range []string{"BR", "CN", "IN", "US", "ID", "PK", "NG", "BD"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sem.Do(ctx, func(ctx context.Context) error { return download(ctx, cc) }); err != nil {
				fmt.Println(cc, err)
			}
		}()
	}
	wg.Wait()
	fmt.Println("never more than 3 at once:", peak.Load() <= 3)
	fmt.Println("all permits back:", sem.Available() == sem.Cap())
	// Output:
	// never more than 3 at once: true
	// all permits back: true
}

// Load shedding: refuse work at once when the service is saturated instead of
// queueing it.
func ExampleSemaphore_TryAcquire() {
	sem := semaphore.New(2)
	handle := func(req int) string {
		if !sem.TryAcquire() {
			return fmt.Sprintf("request %d: 503 busy", req)
		}
		// A real handler would release when the request completes; here
		// the first two stay in flight.
		return fmt.Sprintf("request %d: accepted", req)
	}
	for req := 1; req <= 3; req++ {
		fmt.Println(handle(req))
	}
	sem.Release()
	fmt.Println(handle(4))
	fmt.Printf("available %d of %d, locked %v\n", sem.Available(), sem.Cap(), sem.Locked())
	// Output:
	// request 1: accepted
	// request 2: accepted
	// request 3: 503 busy
	// request 4: accepted
	// available 0 of 2, locked true
}

// A deadline on the wait for a permit: Acquire gives up, holding nothing.
func ExampleSemaphore_Acquire() {
	sem := semaphore.New(1)
	_ = sem.Acquire(context.Background()) // someone holds the only permit

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // or a deadline that passes
	err := sem.Acquire(ctx)
	fmt.Println(err, sem.Waiters())
	// Output:
	// context canceled 0
}
