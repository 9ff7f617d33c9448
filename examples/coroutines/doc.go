// Package coroutines brings Python's classic generator-based coroutines to
// Go: a Coroutine you prime with Next, drive with Send, end with Close, and
// whose body can return a value (Python's StopIteration.value), built on
// iter.Pull. The averagers of Fluent Python's chapter 17 (coroaverager.py and
// coroaverager2.py) are written with it, and the taxi command (./taxi) runs
// the first edition's taxi fleet simulation, one Coroutine per taxi.
//
//	Python                                   Go
//	def gen(): x = yield out ... return r    New(func(yield func(Out) (In, bool)) R { ... })
//	next(gen)                                c.Next()
//	gen.send(v)                              c.Send(v)
//	gen.close()                              c.Close()
//	StopIteration                            ErrStopped
//	StopIteration.value                      c.Result()
package coroutines
