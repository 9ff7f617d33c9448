// Package primes is the work shared by the remote example's worker and
// client: a primality check slow enough to be worth spreading over machines.
package primes

import (
	"context"
	"os"
	"strconv"
	"time"

	"github.com/tulipgo/tulip/remote"
)

// Check is the remote function: is n prime, and how long did it take where.
var Check = remote.NewFunc[int64, Result]("primes.check")

// Result is one number's verdict.
type Result struct {
	N       int64         `json:"n"`
	Prime   bool          `json:"prime"`
	Elapsed time.Duration `json:"elapsed"`
	Host    string        `json:"host"` // hostname:pid of the process that checked it
}

// Register adds Check to reg.
func Register(reg *remote.Registry) {
	remote.Register(reg, Check, Run)
}

// Run checks n by trial division, giving up if ctx ends.
func Run(ctx context.Context, n int64) (Result, error) {
	start := time.Now()
	prime, err := IsPrime(ctx, n)
	if err != nil {
		return Result{}, err
	}
	return Result{N: n, Prime: prime, Elapsed: time.Since(start), Host: host()}, nil
}

// IsPrime reports whether n is prime. It looks at ctx every million
// divisions, so a cancelled check stops soon.
func IsPrime(ctx context.Context, n int64) (bool, error) {
	if n < 2 {
		return false, nil
	}
	if n < 4 {
		return true, nil
	}
	if n%2 == 0 {
		return false, nil
	}
	for i, d := 0, int64(3); d <= n/d; i, d = i+1, d+2 {
		if i%1_000_000 == 0 && ctx.Err() != nil {
			return false, ctx.Err()
		}
		if n%d == 0 {
			return false, nil
		}
	}
	return true, nil
}

func host() string {
	h, err := os.Hostname()
	if err != nil {
		h = "?"
	}
	return h + ":" + strconv.Itoa(os.Getpid())
}
