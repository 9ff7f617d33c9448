"""asyncio's million-task demo, the Python side of examples/million.

usage: python3 million.py [N]   (default 1,000,000)

N tasks each sleep one second (asyncio.sleep: cancellable), collected with
asyncio.as_completed; prints the wall time and peak RSS (ru_maxrss, Linux kB).
"""

import asyncio
import resource
import sys
import time


async def main(n: int) -> None:
    start = time.perf_counter()
    tasks = [asyncio.create_task(asyncio.sleep(1)) for _ in range(n)]
    started = time.perf_counter() - start
    for t in asyncio.as_completed(tasks):
        await t
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"python   {wall:9.2f}s {peak / 2**20:9.1f} MiB   ({n:,} tasks, started in {started:.2f}s)")


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
    except KeyboardInterrupt:
        sys.exit(130)
