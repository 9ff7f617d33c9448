package remote

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// handler runs one registered function on encoded input.
type handler func(ctx context.Context, codec Codec, in []byte) ([]byte, error)

// Registry maps task names to the functions a Worker runs. Create one with
// NewRegistry and fill it with Register before starting workers on it; it is
// safe for concurrent use, and one Registry may serve several workers.
type Registry struct {
	mu  sync.RWMutex
	fns map[string]handler
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{fns: make(map[string]handler)}
}

// Register makes fn the function run for tasks submitted with f.
//
// fn receives a context that ends when the client cancels the task, when the
// task's deadline or timeout passes, or when the worker gives the task up
// while draining; Info(ctx) tells which task and which delivery attempt it is.
// Execution is at least once: a task whose worker dies is run again elsewhere,
// so fn must be idempotent.
//
// Like http.ServeMux.Handle, Register panics on a programming error: an
// empty name, a nil fn, or a name already registered.
func Register[In, Out any](r *Registry, f Func[In, Out], fn func(context.Context, In) (Out, error)) {
	if f.name == "" {
		panic("remote: Register with an empty function name")
	}
	if fn == nil {
		panic("remote: Register " + f.name + " with a nil function")
	}
	h := func(ctx context.Context, codec Codec, data []byte) ([]byte, error) {
		var in In
		if err := codec.Unmarshal(data, &in); err != nil {
			return nil, fmt.Errorf("remote: decode input of %s: %w", f.name, err)
		}
		out, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		b, err := codec.Marshal(out)
		if err != nil {
			return nil, fmt.Errorf("remote: encode output of %s: %w", f.name, err)
		}
		return b, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.fns[f.name]; dup {
		panic("remote: function " + f.name + " registered twice")
	}
	r.fns[f.name] = h
}

// Names returns the registered names, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.fns))
	for n := range r.fns {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func (r *Registry) lookup(name string) handler {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.fns[name]
}
