package semaphore_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/tulipgo/tulip/semaphore"
)

// New(n) gives n permits; New(0) is a gate that stays closed.
//
// Python: asyncio.BoundedSemaphore(2)
func ExampleNew() {
	sem := semaphore.New(2)
	fmt.Printf("cap %d, available %d, locked %v\n", sem.Cap(), sem.Available(), sem.Locked())

	gate := semaphore.New(0)
	fmt.Println("gate opens:", gate.TryAcquire())
	// Output:
	// cap 2, available 2, locked false
	// gate opens: false
}

// Release hands the permit straight to the goroutine that has waited longest
// (strict FIFO), and releasing more than was acquired panics with
// ErrReleased instead of raising the capacity.
//
// Python: sem.release(); a second one raises ValueError("BoundedSemaphore released too many times")
func ExampleSemaphore_Release() {
	ctx := context.Background()
	sem := semaphore.New(1)
	_ = sem.Acquire(ctx) // held by us

	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	for i, name := range []string{"first", "second", "third"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sem.Acquire(ctx); err != nil {
				return
			}
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			sem.Release()
		}()
		for sem.Waiters() <= i { // let each one queue before the next
			runtime.Gosched()
		}
	}
	sem.Release() // to "first", who passes it on in turn
	wg.Wait()
	fmt.Println(order)

	defer func() {
		r := recover()
		err, _ := r.(error)
		fmt.Println("over-release:", errors.Is(err, semaphore.ErrReleased))
	}()
	sem.Release() // nothing is held: a bug in the caller
	// Output:
	// [first second third]
	// over-release: true
}

// Acquire and Release by hand, for when Do's closure does not fit: release
// with defer right after a successful Acquire.
//
// Python: await sem.acquire(); try: ... finally: sem.release()
func ExampleSemaphore_Acquire_release() {
	sem := semaphore.New(1)
	save := func(ctx context.Context, name string) error {
		if err := sem.Acquire(ctx); err != nil {
			return err // holding nothing: do not release
		}
		defer sem.Release()
		fmt.Println("saving", name, "with", sem.Available(), "permits left")
		return nil
	}
	fmt.Println(save(context.Background(), "br.gif"))
	fmt.Println("available again:", sem.Available())
	// Output:
	// saving br.gif with 0 permits left
	// <nil>
	// available again: 1
}

// Do gives the permit back even when fn panics, as `async with` does when
// the block raises.
//
// Python: async with sem: raise RuntimeError(...)
func ExampleSemaphore_Do_panic() {
	sem := semaphore.New(1)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		_ = sem.Do(context.Background(), func(context.Context) error {
			panic("parser bug")
		})
	}()
	fmt.Println("permit back:", sem.Available() == 1)
	// Output:
	// recovered: parser bug
	// permit back: true
}
