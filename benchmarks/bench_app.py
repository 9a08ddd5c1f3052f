"""Drive the app headless and time what a user waits for.

    python benchmarks/bench_app.py                    # the five seeds
    python benchmarks/bench_app.py /tmp/bench10x2000  # a directory of vNN.txt files

Reports the time to the first screen with the alignment done (from creating
the app to the first rows drawn), and the median time for ``n``, ``j``,
PageDown and a pivot change to update the screen (key press to repaint, as
Pilot sees it).  Pilot's own round trip is measured with an unbound key and
subtracted to give the app's share.

    python benchmarks/bench_app.py DIR --matcher semantic --runs 3

times what refinement adds: the first screen must not wait for the model (it
shows the lexical rows), and "refined" is when the embedding alignment has
replaced them.  Set SIDEBYSIDE_CACHE_DIR to an empty directory for a cold
embedding cache; ``--cold`` does that for every run.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from sidebyside.app.app import SideBySideApp
from sidebyside.engine.pipeline import load_documents

SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")
SIZE = (160, 45)


async def measure(paths: list[str], repeats: int, matcher_name: str = "lexical") -> dict:
    from sidebyside.engine.semantic import make_matcher

    documents = load_documents(paths)
    matcher = make_matcher(matcher_name)
    started = time.perf_counter()
    app = SideBySideApp(documents, matcher=matcher)
    results: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen_stack[0]
        shell = time.perf_counter() - started
        painted: list[float] = []
        start_refining = screen._start_refining

        def first_paint() -> None:
            # Called after the first refresh that shows the rows, with either matcher.
            painted.append(time.perf_counter() - started)
            start_refining()

        screen._start_refining = first_paint
        while screen.rows is None and not screen.align_failed:
            await pilot.pause(0.005)
        await pilot.pause()
        results["first screen (s)"] = time.perf_counter() - started
        while not painted:
            await pilot.pause(0.005)
        results["rows painted (s)"] = painted[0]
        results["app shell shown (s)"] = shell
        results["alignment in worker (s)"] = screen.align_seconds or 0.0
        if matcher.name != "lexical":
            while not screen.refined and screen.refine_status is not None:
                await pilot.pause(0.01)
            await pilot.pause()
            if not screen.refined:
                raise RuntimeError("refinement failed")
            results["refined, from start (s)"] = time.perf_counter() - started
            results["refinement in worker (s)"] = screen.refine_seconds or 0.0
        if repeats <= 0:
            return results

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
    parser.add_argument("--matcher", choices=("lexical", "semantic"), default="lexical")
    parser.add_argument("--runs", type=int, default=1, help="runs (medians are reported)")
    parser.add_argument(
        "--cold", action="store_true", help="an empty embedding cache for every run"
    )
    args = parser.parse_args(argv)
    paths = sorted(glob.glob(os.path.join(args.directory, "*.txt")))
    if len(paths) < 2:
        sys.stderr.write(f"need at least two .txt files in {args.directory}\n")
        return 2
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            if args.cold:
                os.environ["SIDEBYSIDE_CACHE_DIR"] = cache
            runs.append(asyncio.run(measure(paths, args.repeats, args.matcher)))
    results = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    print(
        f"{len(paths)} articles from {args.directory}, terminal {SIZE[0]}x{SIZE[1]}, "
        f"matcher {args.matcher}{' (cold cache)' if args.cold else ''}, "
        f"median of {args.runs} run(s)"
    )
    baseline = results.get("unbound key, harness (ms)", 0.0)
    for name, value in results.items():
        net = ""
        if name.endswith("median (ms)"):
            net = f"   (app's share: {value - baseline:6.1f} ms)"
        print(f"  {name:<28} {value:8.3f}{net}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
