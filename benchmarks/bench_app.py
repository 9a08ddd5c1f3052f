"""Drive the app headless and time what a user waits for.

    python benchmarks/bench_app.py                    # the five seeds
    python benchmarks/bench_app.py /tmp/bench10x2000  # a directory of vNN.txt files

Reports the time to the first screen with the alignment done (from creating
the app to the first rows drawn), and the median time for ``n``, ``j``,
PageDown and a pivot change to update the screen (key press to repaint, as
Pilot sees it).  Pilot's own round trip is measured with an unbound key and
subtracted to give the app's share.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import statistics
import sys
import time

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from sidebyside.app.app import SideBySideApp
from sidebyside.engine.pipeline import load_documents

SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")
SIZE = (160, 45)


async def measure(paths: list[str], repeats: int) -> dict[str, float]:
    documents = load_documents(paths)
    started = time.perf_counter()
    app = SideBySideApp(documents)
    results: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen_stack[0]
        shell = time.perf_counter() - started
        await app.workers.wait_for_complete()
        await pilot.pause()
        results["first screen (s)"] = time.perf_counter() - started
        results["app shell shown (s)"] = shell
        results["alignment in worker (s)"] = screen.align_seconds or 0.0

        async def timed(keys: list[str]) -> float:
            times = []
            for key in keys:
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - t)
            return statistics.median(times) * 1000

        # An unbound key costs the harness's own round trip; subtract it to get the app's share.
        results["unbound key, harness (ms)"] = await timed(["z"] * repeats)
        results["n median (ms)"] = await timed(["n"] * repeats)
        await pilot.press("home")
        results["j median (ms)"] = await timed(["j"] * repeats)
        results["PageDown median (ms)"] = await timed(["pagedown"] * repeats)
        pivots = [str(2 + (k % 2)) for k in range(repeats)]
        results["pivot change median (ms)"] = await timed(pivots)
        await pilot.press("v")
        await pilot.pause()
        results["reading view j median (ms)"] = await timed(["j"] * repeats)
        await pilot.press("q")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=SEEDS)
    parser.add_argument("--repeats", type=int, default=25)
    args = parser.parse_args(argv)
    paths = sorted(glob.glob(os.path.join(args.directory, "*.txt")))
    if len(paths) < 2:
        sys.stderr.write(f"need at least two .txt files in {args.directory}\n")
        return 2
    results = asyncio.run(measure(paths, args.repeats))
    print(f"{len(paths)} articles from {args.directory}, terminal {SIZE[0]}x{SIZE[1]}")
    baseline = results["unbound key, harness (ms)"]
    for name, value in results.items():
        net = ""
        if name.endswith("median (ms)"):
            net = f"   (app's share: {value - baseline:6.1f} ms)"
        print(f"  {name:<28} {value:8.3f}{net}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
