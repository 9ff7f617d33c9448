package ascompleted

import "hash/maphash"

// duplicates reports which of fs repeat an earlier one: nil if none does
// (the common case), else dup[i] is true for each fs[i] equal to some fs[j],
// j < i. It is Of's de-duplication: its set is fixed, so it needs no index
// that lasts, only this one look at the arguments. Cost: one hash per
// future, an open-addressing table of 2 to 4 int32 per future, allocated
// only for more than 16 futures, and no map.
func duplicates[F comparable](fs []F) (dup []bool) {
	if len(fs) < 2 {
		return nil
	}
	size := 4
	for size < 2*len(fs) {
		size <<= 1
	}
	var small [32]int32
	var slots []int32 // 1 + the index in fs of the first of its kind; 0: free
	if size <= len(small) {
		slots = small[:size]
	} else {
		slots = make([]int32, size)
	}
	mask := uint64(size - 1)
	seed := maphash.MakeSeed()
	for i, f := range fs {
		for h := maphash.Comparable(seed, f) & mask; ; h = (h + 1) & mask {
			j := slots[h]
			if j == 0 {
				slots[h] = int32(i + 1)
				break
			}
			if fs[j-1] == f {
				if dup == nil {
					dup = make([]bool, len(fs))
				}
				dup[i] = true
				break
			}
		}
	}
	return dup
}
