package pyrandom

import "math"

// Rand is one random.Random: a Mersenne Twister seeded like CPython's.
// The zero value is not usable; create one with New.
type Rand struct {
	mt mt
}

// New returns a generator in the state of Python's random.seed(seed) (or
// random.Random(seed)) for an integer seed: the key is the 32-bit words of
// |seed|, least significant first, so seed and -seed give the same sequence,
// as in CPython.
func New(seed int64) *Rand {
	r := &Rand{}
	r.Seed(seed)
	return r
}

// Seed resets r to the state of random.seed(seed); see New.
func (r *Rand) Seed(seed int64) {
	mag := uint64(seed)
	if seed < 0 {
		mag = -mag // two's complement: also right for math.MinInt64
	}
	var key []uint32
	for ; mag != 0; mag >>= 32 {
		key = append(key, uint32(mag))
	}
	r.mt.initByArray(key)
}

// Uint32 returns 32 random bits: Python's getrandbits(32).
func (r *Rand) Uint32() uint32 { return r.mt.uint32() }

// Uint64 returns 64 random bits: Python's getrandbits(64) (the first draw is
// the low word). With it, *Rand is a math/rand/v2 Source.
func (r *Rand) Uint64() uint64 {
	lo := uint64(r.mt.uint32())
	return lo | uint64(r.mt.uint32())<<32
}

// Float64 returns a float in [0.0, 1.0): Python's random(). It takes two
// draws, keeps 27 and 26 of their bits and joins them into a 53-bit fraction,
// so every value is a multiple of 2⁻⁵³.
func (r *Rand) Float64() float64 {
	a := r.mt.uint32() >> 5 // 27 bits
	b := r.mt.uint32() >> 6 // 26 bits
	return (float64(a)*(1<<26) + float64(b)) * (1.0 / (1 << 53))
}

// ExpFloat64 returns an exponentially distributed value with rate lambda
// (mean 1/lambda): Python's expovariate(lambd), computed as
// -log(1 - random()) / lambda, one Float64 per call. lambda must not be 0;
// a negative lambda gives values from 0 down to -Inf, as in Python. Go's
// math.Log may differ from the C library's in the last bit, so a result can
// be one ulp off CPython's; int(ExpFloat64(λ)) is the same in every case tested.
func (r *Rand) ExpFloat64(lambda float64) float64 {
	return -math.Log(1.0-r.Float64()) / lambda
}
