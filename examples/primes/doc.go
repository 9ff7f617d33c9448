// Package primes is the CPU-bound workload of Fluent Python's chapters 19
// and 20 (19-concurrency/primes, 20-executors/primes): checking 20 large
// numbers for primality by trial division, one after the other, on N
// goroutines fed by a job channel (the book's threads.py and procs.py), or
// through a future.Executor with future.Map (the book's proc_pool.py).
//
// In CPython the threaded version is no faster than the sequential one,
// because only the thread holding the GIL runs Python code; the book needs
// processes to use more than one core. Goroutines have no such lock: N
// goroutines doing arithmetic run on N cores at once (up to GOMAXPROCS), so
// the plain goroutine version is Go's procs.py. See README.md.
package primes
