package pyrandom

// The MT19937 parameters (Matsumoto and Nishimura, 1998).
const (
	stateSize  = 624
	shiftSize  = 397
	matrixA    = 0x9908b0df
	upperMask  = 0x80000000
	lowerMask  = 0x7fffffff
	initSeed   = 19650218 // init_by_array first runs init_genrand with this seed
	initMult   = 1812433253
	arrayMult1 = 1664525
	arrayMult2 = 1566083941
)

// mt is the generator's state: 624 words and the position of the next one.
type mt struct {
	state [stateSize]uint32
	index int
}

// initGenrand fills the state from one 32-bit seed (init_genrand).
func (m *mt) initGenrand(s uint32) {
	m.state[0] = s
	for i := 1; i < stateSize; i++ {
		prev := m.state[i-1]
		m.state[i] = initMult*(prev^(prev>>30)) + uint32(i)
	}
	m.index = stateSize
}

// initByArray seeds the state from a key of 32-bit words (init_by_array).
// An empty key is treated as the key [0], as CPython does for seed 0.
func (m *mt) initByArray(key []uint32) {
	if len(key) == 0 {
		key = []uint32{0}
	}
	m.initGenrand(initSeed)
	i, j := 1, 0
	for k := max(stateSize, len(key)); k > 0; k-- {
		prev := m.state[i-1]
		m.state[i] = (m.state[i] ^ ((prev ^ (prev >> 30)) * arrayMult1)) + key[j] + uint32(j)
		i++
		j++
		if i >= stateSize {
			m.state[0] = m.state[stateSize-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := stateSize - 1; k > 0; k-- {
		prev := m.state[i-1]
		m.state[i] = (m.state[i] ^ ((prev ^ (prev >> 30)) * arrayMult2)) - uint32(i)
		i++
		if i >= stateSize {
			m.state[0] = m.state[stateSize-1]
			i = 1
		}
	}
	m.state[0] = 0x80000000 // the most significant bit is 1: a non-zero initial state
	m.index = stateSize
}

// twist regenerates all 624 words of the state.
func (m *mt) twist() {
	for i := range stateSize {
		y := (m.state[i] & upperMask) | (m.state[(i+1)%stateSize] & lowerMask)
		next := m.state[(i+shiftSize)%stateSize] ^ (y >> 1)
		if y&1 != 0 {
			next ^= matrixA
		}
		m.state[i] = next
	}
	m.index = 0
}

// uint32 returns the next tempered 32-bit output (genrand_uint32).
func (m *mt) uint32() uint32 {
	if m.index >= stateSize {
		m.twist()
	}
	y := m.state[m.index]
	m.index++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}
