package coroutines_test

import (
	"errors"
	"fmt"

	"github.com/tulipgo/tulip/examples/coroutines"
)

// coroaverager.py: primed, the averager yields 0.0; each Send returns the
// running average.
func ExampleAverager() {
	avg := coroutines.Averager()
	defer avg.Close()
	v, _ := avg.Next() // prime
	fmt.Printf("%.1f\n", v)
	for _, x := range []float64{10, 30, 5} {
		v, _ := avg.Send(x)
		fmt.Printf("%.1f\n", v)
	}
	// Output:
	// 0.0
	// 10.0
	// 20.0
	// 15.0
}

// coroaverager2.py: the Stop sentinel ends the coroutine, and its return
// value (Python's StopIteration.value) is the Result.
func ExampleAverager2() {
	avg := coroutines.Averager2()
	defer avg.Close()
	avg.Next() // prime
	for _, x := range []float64{10, 30, 6.5} {
		avg.Send(coroutines.Value(x))
	}
	_, err := avg.Send(coroutines.Stop)
	fmt.Println(errors.Is(err, coroutines.ErrStopped))
	fmt.Println(avg.Result())
	// Output:
	// true
	// Result(count=3, average=15.5) true
}

// A generator that receives values and returns one: the coroutine type itself.
// The body counts down from the number it is primed with, accepting a new
// start with each Send, and returns how many values it yielded.
func ExampleNew() {
	countdown := coroutines.New(func(yield func(int) (int, bool)) int {
		yielded := 0
		for n := 3; n > 0; n-- {
			reset, ok := yield(n)
			if !ok {
				break
			}
			yielded++
			if reset > 0 {
				n = reset + 1
			}
		}
		return yielded
	})
	defer countdown.Close()
	v, _ := countdown.Next()
	fmt.Println(v)
	v, _ = countdown.Send(0)
	fmt.Println(v)
	v, _ = countdown.Send(5) // start over from 5
	fmt.Println(v)
	for {
		v, err := countdown.Next()
		if errors.Is(err, coroutines.ErrStopped) {
			break
		}
		fmt.Println(v)
	}
	fmt.Println(countdown.Result())
	// Output:
	// 3
	// 2
	// 5
	// 4
	// 3
	// 2
	// 1
	// 7 true
}

// Close is gen.close(): the paused yield returns false, and the body's
// deferred calls (Python's finally) run before Close returns.
func ExampleCoroutine_Close() {
	ticker := coroutines.New(func(yield func(int) (struct{}, bool)) struct{} {
		defer fmt.Println("cleaning up")
		for i := 0; ; i++ {
			if _, ok := yield(i); !ok {
				fmt.Println("closed at", i)
				return struct{}{}
			}
		}
	})
	ticker.Next()
	ticker.Next()
	ticker.Close()
	_, err := ticker.Next()
	fmt.Println(err)
	// Output:
	// closed at 1
	// cleaning up
	// coroutines: coroutine stopped
}
