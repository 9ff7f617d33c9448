// Package pyrandom reproduces CPython's random module for integer seeds: the
// same Mersenne Twister (MT19937), seeded the same way, gives the same
// random(), getrandbits and expovariate values, so a Go program can replay a
// Python simulation run for run.
//
// It is written from the published algorithms (Matsumoto and Nishimura's
// MT19937 with init_by_array, and CPython's documented way of turning an
// integer seed into a key and two 32-bit draws into a 53-bit float), not from
// CPython's code.
//
// A *Rand is not safe for concurrent use; it is a plain value generator, like
// one random.Random instance.
package pyrandom
