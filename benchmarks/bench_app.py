"""Drive the app headless and time what a user waits for.

    python benchmarks/bench_app.py                    # the five seeds
    python benchmarks/bench_app.py /tmp/bench10x2000  # a directory of vNN.txt files

Reports the time to the first screen with rows (from creating the app to the
first rows drawn: on a large set, the preview of word-for-word repeats), the
time until the aligner's rows are painted, and the median time for ``n``, ``j``,
PageDown and a pivot change to update the screen (key press to repaint, as
Pilot sees it).  Pilot's own round trip is measured with an unbound key and
subtracted to give the app's share.

    python benchmarks/bench_app.py DIR --matcher semantic --runs 3

times what refinement adds: the first screen must not wait for the model (it
shows the lexical rows), and "refined" is when the embedding alignment has
replaced them.  Set SIDEBYSIDE_CACHE_DIR to an empty directory for a cold
embedding cache; ``--cold`` does that for every run.

    python benchmarks/bench_app.py /tmp/bench/10x2000 --stalls --runs 3

drives a scripted session (moving, n, the reading view and back, pivot
changes, a pane change, the overview, furniture, search, the tall details
panel, an export) and reports the longest event-loop stall in each step: how
late a 5 ms timer running on the app's loop fired.  A stall is time the app
could not answer a key; the target is under 100 ms whatever runs in workers.
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
        start_refining = screen.refiner.start

        def first_paint() -> None:
            # Called after the first refresh that shows the rows, with either matcher.
            painted.append(time.perf_counter() - started)
            start_refining()

        screen.refiner.start = first_paint
        while screen.rows is None and not screen.align_failed:
            await pilot.pause(0.005)
        # The first refresh after the rows are in (``pilot.pause()`` would wait until
        # the process is idle, which it is not while the worker aligns: up to a second).
        shown: list[float] = []
        screen.call_after_refresh(lambda: shown.append(time.perf_counter() - started))
        while not shown:
            await asyncio.sleep(0.005)
        results["first screen (s)"] = shown[0]
        while not painted:
            await pilot.pause(0.005)
        results["aligned rows painted (s)"] = painted[0]
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


STALL_TICK = 0.005

# (step name, keys); each step waits until no worker runs and the top bar is quiet.
SCRIPT: list[tuple[str, list[str]]] = [
    ("idle 3 s (the machine's own noise)", []),
    ("j x10", ["j"] * 10),
    ("n x5", ["n"] * 5),
    ("v (reading view)", ["v"]),
    ("j x5 in reading", ["j"] * 5),
    ("v (aligned view)", ["v"]),
    ("pivot 2", ["2"]),
    ("pivot 3", ["3"]),
    ("pivot 1", ["1"]),
    ("tab (another pane)", ["tab"]),
    ("o (overview)", ["o"]),
    ("escape", ["escape"]),
    ("f (expand furniture)", ["f"]),
    ("f (collapse)", ["f"]),
    ("/ search", ["slash", *"Pukhov", "enter"]),
    ("escape search", ["escape"]),
    ("d (tall details)", ["d"]),
    ("d (short)", ["d"]),
    ("ctrl+s export", ["ctrl+s", "enter"]),
    ("end", ["end"]),
    ("home", ["home"]),
]


async def stalls(paths: list[str]) -> dict:
    """Seconds to the first screen, and the longest stall of the event loop per step."""
    import asyncio

    documents = load_documents(paths)
    started = time.perf_counter()
    app = SideBySideApp(documents)
    results: dict[str, float] = {}
    step = ["start"]
    worst: dict[str, float] = {}

    async def monitor() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(STALL_TICK)
            now = time.perf_counter()
            late = now - last - STALL_TICK
            worst[step[0]] = max(worst.get(step[0], 0.0), late)
            last = now

    async with app.run_test(size=SIZE) as pilot:
        task = asyncio.create_task(monitor())
        screen = app.screen_stack[0]
        while screen.rows is None and not screen.align_failed:
            await pilot.pause(0.01)
        await pilot.pause()
        results["first screen (s)"] = time.perf_counter() - started
        results["alignment in worker (s)"] = screen.align_seconds or 0.0
        print(f"  ... first screen: {results['first screen (s)']:.2f} s", file=sys.stderr)

        async def quiet() -> None:
            await pilot.pause()
            while any(w.is_running for w in app.workers) or screen.busy:
                await pilot.pause(0.01)
            await pilot.pause()

        await quiet()
        for name, keys in SCRIPT:
            step[0] = name
            t = time.perf_counter()
            for key in keys:
                await pilot.press(key)
            if not keys:
                await pilot.pause(3.0)
            await quiet()
            results[f"{name}: done (s)"] = time.perf_counter() - t
            print(f"  ... {name}: {results[f'{name}: done (s)']:.2f} s", file=sys.stderr)
        step[0] = "end"
        task.cancel()
    for name, _ in SCRIPT:
        results[f"{name}: longest stall (ms)"] = worst.get(name, 0.0) * 1000
    results["longest stall after the first screen (ms)"] = max(
        worst.get(name, 0.0) * 1000 for name, _ in SCRIPT
    )
    results["longest stall while aligning (ms)"] = worst.get("start", 0.0) * 1000
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
    parser.add_argument(
        "--stalls", action="store_true", help="the scripted session: longest event-loop stalls"
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
            os.environ["SIDEBYSIDE_DATA_DIR"] = os.path.join(cache, "data")
            if args.stalls:
                runs.append(asyncio.run(stalls(paths)))
            else:
                runs.append(asyncio.run(measure(paths, args.repeats, args.matcher)))
    results = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    if args.stalls:
        print(
            f"{len(paths)} articles from {args.directory}, terminal {SIZE[0]}x{SIZE[1]}, "
            f"median of {args.runs} run(s), load average {os.getloadavg()[0]:.2f}"
        )
        for name, value in results.items():
            print(f"  {name:<44} {value:9.3f}")
        return 0
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
