package primes

import (
	"context"
	"math"
	"time"
)

// checkEvery is how many trial divisions IsPrime does between looks at ctx.
const checkEvery = 1 << 20

// IsPrime reports whether n is prime, by the book's method: trial division
// by 3, 5, 7, ... up to ⌊√n⌋. It costs O(√n) divisions for a prime (about 50
// million for the fixture's largest, a fraction of a second), and it is pure
// computation: nothing in it waits. It looks at ctx every million divisions
// or so and returns ctx's error if ctx has ended.
func IsPrime(ctx context.Context, n uint64) (bool, error) {
	if n < 2 {
		return false, nil
	}
	if n == 2 {
		return true, nil
	}
	if n%2 == 0 {
		return false, nil
	}
	root := isqrt(n)
	for i, k := uint64(3), 0; i <= root; i, k = i+2, k+1 {
		if k == checkEvery {
			k = 0
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		if n%i == 0 {
			return false, nil
		}
	}
	return true, nil
}

// isqrt is ⌊√n⌋, exact for every uint64 (float64 alone can be off by one).
func isqrt(n uint64) uint64 {
	r := uint64(math.Sqrt(float64(n)))
	for r > 0 && r > n/r {
		r--
	}
	for r+1 <= n/(r+1) {
		r++
	}
	return r
}

// Result is one number checked: the book's PrimeResult(n, prime, elapsed).
type Result struct {
	N       uint64
	Prime   bool
	Elapsed time.Duration
}

// Check checks n and measures how long that took (the book's check).
func Check(ctx context.Context, n uint64) (Result, error) {
	t0 := time.Now()
	prime, err := IsPrime(ctx, n)
	return Result{N: n, Prime: prime, Elapsed: time.Since(t0)}, err
}
