# Regenerates python.json from CPython's own random module:
#   python3 testdata/gen.py > testdata/python.json
# (checked in; the Go tests compare against it and need no Python).
import json
import random
import sys

SEEDS = [0, 1, 3, 10, -7, 12345, 2**32 - 1, 2**32 + 5, 2**63 - 1, -(2**63)]

cases = []
for seed in SEEDS:
    r = random.Random(seed)
    bits32 = [r.getrandbits(32) for _ in range(5)]
    r = random.Random(seed)
    bits64 = [r.getrandbits(64) for _ in range(3)]
    r = random.Random(seed)
    floats = [r.random().hex() for _ in range(5)]
    r = random.Random(seed)
    for _ in range(1000):  # past the first twist of 624 words
        r.getrandbits(32)
    late = r.getrandbits(32)
    r = random.Random(seed)
    expo = [r.expovariate(1 / 5).hex() for _ in range(5)]
    cases.append(dict(seed=seed, bits32=bits32, bits64=bits64, floats=floats,
                      late1000=late, expo5=expo))

# int(expovariate(1/m)) + 1 for the taxi intervals, over many seeds.
durations = []
for seed in range(300):
    r = random.Random(seed)
    durations.append([int(r.expovariate(1 / m)) + 1 for m in (5, 20, 1) * 20])

json.dump(dict(python=sys.version.split()[0], cases=cases, durations=durations),
          sys.stdout, separators=(",", ":"))
print()
