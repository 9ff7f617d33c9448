package future

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The ring is FIFO, reports full and empty, and wraps around many times.
func TestRingFIFO(t *testing.T) {
	var r ring
	r.init(8)
	require.Nil(t, r.pop())
	next, want := 0, 0
	for round := range 100 {
		for range round % 11 {
			if !r.push(fakeTask(next)) {
				require.Equal(t, 8, r.len(), "push fails only when full")
				break
			}
			next++
		}
		require.Equal(t, next-want, r.len())
		for range round % 7 {
			got := r.pop()
			if want == next {
				require.Nil(t, got)
				break
			}
			require.Equal(t, fakeTask(want), got)
			want++
		}
	}
	for ; want < next; want++ {
		require.Equal(t, fakeTask(want), r.pop())
	}
	require.Nil(t, r.pop())
	require.Zero(t, r.len())
}

// Four pushers and four poppers on a tiny ring: every task comes out exactly
// once.
func TestRingConcurrent(t *testing.T) {
	var r ring
	r.init(8)
	const pushers, n = 4, 5_000
	var (
		seen   [pushers * n]atomic.Int32
		popped atomic.Int64
		wg     sync.WaitGroup
	)
	for p := range pushers {
		wg.Go(func() {
			for i := range n {
				for !r.push(fakeTask(p*n + i)) {
					runtime.Gosched() // full: let a popper run (a bare spin starves them on a loaded machine)
				}
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for popped.Load() < pushers*n {
				if x := r.pop(); x != nil {
					seen[int(x.(fakeTask))].Add(1)
					popped.Add(1)
				} else {
					runtime.Gosched() // empty: let a pusher run
				}
			}
		})
	}
	wg.Wait()
	for i := range seen {
		require.EqualValues(t, 1, seen[i].Load(), "task %d", i)
	}
	require.Nil(t, r.pop())
}

// With several pushers, each pusher's tasks come out in the order it pushed
// them.
func TestRingPerPusherOrder(t *testing.T) {
	var r ring
	r.init(8)
	const pushers = 4
	n := 500 // the pushers wait on a full ring: 5,000 took 12 s under -race
	if stress() {
		n = 5_000
	}
	var wg sync.WaitGroup
	for p := range pushers {
		wg.Go(func() {
			for i := range n {
				for !r.push(fakeTask(p*n + i)) {
					runtime.Gosched() // full: let a popper run (a bare spin starves them on a loaded machine)
				}
			}
		})
	}
	next := [pushers]int{}
	for got := 0; got < pushers*n; {
		x := r.pop()
		if x == nil {
			runtime.Gosched()
			continue
		}
		v := int(x.(fakeTask))
		require.Equal(t, next[v/n], v%n, "pusher %d", v/n)
		next[v/n]++
		got++
	}
	wg.Wait()
}

// The ring grows with the workers, a power of two from 256 to 4,096 slots.
func TestRingSize(t *testing.T) {
	for _, c := range []struct{ workers, want int }{
		{1, 256}, {2, 512}, {3, 1024}, {6, 2048}, {8, 2048}, {9, 4096}, {32, 4096}, {1 << 30, 4096},
	} {
		require.Equal(t, c.want, ringSize(c.workers), "%d workers", c.workers)
	}
	require.Len(t, NewExecutor(8).ring.slots, 2048)
}

// claimSlot plays a push preempted between claiming the next slot and
// filling it: the slot is taken, and fill completes the push.
func claimSlot(r *ring) (fill func(queuedTask)) {
	pos := r.tail.Add(1) - 1
	return func(t queuedTask) {
		s := &r.slots[pos&r.mask]
		s.t = t
		s.seq.Store(pos + 1)
	}
}

// A push that has claimed a slot and not filled it yet must not make pop
// report an empty ring while later slots hold tasks: pop waits for the push
// instead. (The executor once lost the tasks behind such a slot at Shutdown.)
func TestRingPopWaitsForUnfinishedPush(t *testing.T) {
	var r ring
	r.init(8)
	fill := claimSlot(&r)
	require.True(t, r.push(fakeTask(2)))
	require.Nil(t, r.pop(), "pop, a worker's look for work, may report empty here")
	popped := make(chan queuedTask)
	go func() { popped <- r.popWait() }()
	select {
	case x := <-popped:
		t.Fatalf("pop returned %v before the first push was finished", x)
	case <-time.After(20 * time.Millisecond): // pop is waiting, as it should
	}
	fill(fakeTask(1))
	require.Equal(t, fakeTask(1), <-popped)
	require.Equal(t, fakeTask(2), r.pop())
	require.Nil(t, r.pop())
}
