package pyrandom_test

import (
	"fmt"

	"github.com/tulipgo/tulip/examples/coroutines/pyrandom"
)

// The values Python prints for random.seed(3); [random.random() for _ in range(3)].
func Example() {
	r := pyrandom.New(3)
	for range 3 {
		fmt.Println(r.Float64())
	}
	// Output:
	// 0.23796462709189137
	// 0.5442292252959519
	// 0.36995516654807925
}
