package remote

// Func is a typed task name: the name under which a worker's Registry holds a
// function from In to Out. The client and the worker must agree on the name and
// on the types; the codec carries In and Out between them.
//
// Declare each Func once, in a package both sides import:
//
//	var IsPrime = remote.NewFunc[int64, bool]("primes.is-prime")
type Func[In, Out any] struct {
	name string
}

// NewFunc returns the Func named name. The name is carried in a message
// header: any non-empty string of printable characters will do.
func NewFunc[In, Out any](name string) Func[In, Out] {
	return Func[In, Out]{name: name}
}

// Name returns the function's name.
func (f Func[In, Out]) Name() string { return f.name }
