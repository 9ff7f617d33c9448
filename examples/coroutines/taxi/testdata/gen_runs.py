# Regenerates python_runs.json: the taxi simulation's output for many
# (seed, taxis, end time) cases, computed with CPython's own random module by
# this independent re-statement of the simulation's rules (see ../README.md):
#   python3 testdata/gen_runs.py > testdata/python_runs.json
import heapq
import json
import random

MEANS = {"leave garage": 5, "drop off passenger": 5, "pick up passenger": 20, "going home": 1}


def actions(trips):
    yield "leave garage"
    for _ in range(trips):
        yield "pick up passenger"
        yield "drop off passenger"
    yield "going home"


def simulate(seed, taxis, end):
    rng = random.Random(seed)
    plans = {i: actions((i + 1) * 2) for i in range(taxis)}
    queue = [(i * 5, i, next(plans[i])) for i in range(taxis)]
    heapq.heapify(queue)
    lines, now = [], 0
    while now < end:
        if not queue:
            lines.append("*** end of events ***")
            return lines
        now, ident, action = heapq.heappop(queue)
        lines.append("taxi: %d %s Event(time=%d, proc=%d, action='%s')"
                     % (ident, "   " * ident, now, ident, action))
        later = now + int(rng.expovariate(1 / MEANS[action])) + 1
        following = next(plans[ident], None)
        if following is not None:
            heapq.heappush(queue, (later, ident, following))
    lines.append("*** end of simulation time: %d events pending ***" % len(queue))
    return lines


cases = []
for seed in range(60):
    taxis = seed % 6
    end = (30, 120, 180, 500)[seed % 4]
    cases.append(dict(seed=seed, taxis=taxis, end=end, output="\n".join(simulate(seed, taxis, end)) + "\n"))
cases.append(dict(seed=3, taxis=3, end=120, output="\n".join(simulate(3, 3, 120)) + "\n"))
print(json.dumps(cases, indent=0))
