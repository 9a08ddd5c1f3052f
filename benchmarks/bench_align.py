#!/usr/bin/env python3
"""Time the comparison engine on an article set, against the bars it is held to.

    python ../shared/tools/make_bench_set.py --versions 10 --sentences 2000 --out /tmp/b
    python benchmarks/bench_align.py /tmp/b --runs 5                  # 10 x 2,000: < 3 s
    python benchmarks/bench_align.py seeds --runs 5 --against-import  # within 2x of the imports
    python benchmarks/bench_align.py /tmp/b500 --runs 5 --baseline    # 20x the all-pairs script

Reports, each as the median of --runs runs, with the load average:
- the wall time of ``sidebyside compare --format json`` as a fresh process
  (start-up, loading, segmenting, aligning, diffing, labelling and writing
  JSON) and its peak memory, with warm caches (the embedding word cache of a
  previous run) and, with --cold, with an empty cache directory each run;
- in-process stage times, to see where time goes;
- with --against-import, the time of ``python -c "import numpy, rapidfuzz"``
  and the ratio; with --baseline, the all-pairs script's time and the speed-up;
- with gold (FOLDER/gold.json or --gold), precision/recall/F1 from the shared
  scoring tool.
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SCORER = os.path.join(ROOT, "..", "shared", "tools", "score_alignment.py")
BASELINE = os.path.join(ROOT, "benchmarks", "allpairs_baseline.py")
# The command a user types: the installed script (``python -m`` imports runpy first).
_SCRIPT = os.path.join(os.path.dirname(sys.executable), "sidebyside")
_COMMAND = [_SCRIPT] if os.path.exists(_SCRIPT) else [sys.executable, "-m", "sidebyside"]
COMPARE = [*_COMMAND, "compare", "--format", "json"]


def article_paths(folder_or_files: list[str]) -> list[str]:
    if len(folder_or_files) == 1 and os.path.isdir(folder_or_files[0]):
        return sorted(glob.glob(os.path.join(folder_or_files[0], "*.txt")))
    return folder_or_files


def user_environment(env: dict | None = None) -> dict:
    """The environment a user's shell has: Python writes and reuses bytecode (a
    sandbox may forbid it, and then every start compiles every module anew)."""
    out = dict(env or os.environ)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


def cache_environment(folder: str) -> dict:
    """A user's environment with its cache folder moved to ``folder`` the way a user
    would move it (XDG_CACHE_HOME), so that the run still finds it through
    platformdirs, as every user's run does, rather than through SIDEBYSIDE_CACHE_DIR,
    which skips that import (10 ms of a small comparison's start)."""
    out = user_environment()
    out.pop("SIDEBYSIDE_CACHE_DIR", None)
    out["XDG_CACHE_HOME"] = folder
    return out


def wall_times(command: list[str], runs: int, env: dict | None = None, fresh_cache=False):
    """Wall times of ``command`` run ``runs`` times (output discarded), after one run that
    writes the bytecode."""
    times = []
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=user_environment(env))
    for _ in range(runs):
        run_env = user_environment(env)
        if fresh_cache:
            run_env = cache_environment(tempfile.mkdtemp(prefix="sbs-cold-"))
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=run_env)
        times.append(time.perf_counter() - start)
    return times


def paired_times(first: list[str], second: list[str], runs: int, env: dict | None = None):
    """Wall times of two commands run in turns, ``runs`` times each."""
    a: list[float] = []
    b: list[float] = []
    run_env = user_environment(env)
    for command in (first, second):
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=run_env)
    for _ in range(runs):
        for command, times in ((first, a), (second, b)):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=run_env)
            times.append(time.perf_counter() - start)
    return a, b


def summary(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


def time_stages(paths: list[str], runs: int) -> dict[str, list[float]]:
    from sidebyside.engine import align as engine
    from sidebyside.engine.diff import diff_group
    from sidebyside.engine.divergence import classify_group
    from sidebyside.engine.linker import model_for
    from sidebyside.engine.matcher import default_matcher
    from sidebyside.engine.model import Comparison, Group
    from sidebyside.engine.pipeline import load_documents
    from sidebyside.report.as_json import render_json

    names = ("load+segment", "embed+score", "rows", "diff", "labels", "json")
    stages: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(runs):
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            stages[name].append(now - clock)
            clock = now

        documents = load_documents(paths)
        lap("load+segment")
        matcher = default_matcher()
        model = model_for(matcher.name)
        canonical = engine.canonical_order(documents)
        pairs = engine.score_pairs([documents[d] for d in canonical], matcher, model)
        lap("embed+score")
        alignment = engine.build_alignment(pairs, model.threshold, canonical, model.floor)
        groups = [Group(m, s, (), links) for m, s, links in alignment.groups]
        lap("rows")
        for g in groups:
            if g.is_shared:
                g.diffs = diff_group(documents, g.members, g.reference(0))
        lap("diff")
        for g in groups:
            classify_group(documents, g)
        lap("labels")
        render_json(Comparison(documents, groups, matcher.name, alignment.links))
        lap("json")
    return stages


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("articles", nargs="+", help="a folder of .txt articles, or the files")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gold", help="gold JSON to score against (default: FOLDER/gold.json)")
    ap.add_argument("--cold", action="store_true", help="also time runs with empty caches")
    ap.add_argument(
        "--against-import", action="store_true", help='compare with "import numpy, rapidfuzz"'
    )
    ap.add_argument("--baseline", action="store_true", help="run the all-pairs script too")
    ap.add_argument(
        "--baseline-scorer",
        default="token_sort_ratio",
        help="the rapidfuzz scorer the all-pairs script uses (see its --help)",
    )
    ap.add_argument("--no-stages", action="store_true", help="skip the in-process stage times")
    args = ap.parse_args()
    paths = article_paths(args.articles)
    from sidebyside.engine.pipeline import load_documents

    n_sentences = sum(len(d.sentences) for d in load_documents(paths))
    print(f"{len(paths)} articles, {n_sentences} sentences; median of {args.runs} runs")
    print(f"  load average before: {load_average()}")

    if not args.no_stages:
        for name, values in time_stages(paths, args.runs).items():
            print(f"  {name:13s} {statistics.median(values):7.3f} s")
    warm_cache = tempfile.mkdtemp(prefix="sbs-warm-")
    env = cache_environment(warm_cache)
    subprocess.run(COMPARE + paths, check=True, stdout=subprocess.DEVNULL, env=env)
    warm = wall_times(COMPARE + paths, args.runs, env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"  compare --format json, whole process, warm: {summary(warm)}")
    print(f"  peak memory: {peak / 1024:.0f} MiB")
    if args.cold:
        cold = wall_times(COMPARE + paths, args.runs, fresh_cache=True)
        print(f"  compare --format json, whole process, cold caches: {summary(cold)}")
    if args.against_import:
        # Taken in turns with the comparison, so that a slow spell of the machine
        # weighs on both sides of the ratio alike.
        ours, imports = paired_times(
            COMPARE + paths, [sys.executable, "-c", "import numpy, rapidfuzz"], args.runs, env
        )
        ratio = statistics.median([a / b for a, b in zip(ours, imports)])
        print(f"  compare, taken in turns with the imports: {summary(ours)}")
        print(f'  python -c "import numpy, rapidfuzz": {summary(imports)}')
        print(f"  ratio (median of the {args.runs} paired runs): {ratio:.2f}x")
    if args.baseline:
        folder = os.path.dirname(paths[0])
        command = [sys.executable, BASELINE, folder, "--scorer", args.baseline_scorer]
        base = wall_times(command, 1)
        ratio = statistics.median(base) / statistics.median(warm)
        print(
            f"  all-pairs baseline, {args.baseline_scorer} (one run): {base[0]:.2f} s;"
            f" compare is {ratio:.1f}x faster"
        )

    gold = args.gold or os.path.join(os.path.dirname(paths[0]), "gold.json")
    if os.path.exists(gold) and os.path.exists(SCORER):
        folder = os.path.dirname(paths[0])
        cmd = [sys.executable, SCORER, "--quiet", "--gold", gold, "--articles", folder, "--"]
        out = subprocess.run(cmd + COMPARE, capture_output=True, text=True, env=env).stdout
        print("  " + (out.strip().splitlines() or ["scoring printed nothing"])[-1])
    print(f"  load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
