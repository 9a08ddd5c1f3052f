#!/usr/bin/env python3
"""What the semantic extra costs and buys, against the lexical matcher.

    python ../shared/tools/make_bench_set.py --versions 10 --sentences 2000 --out /tmp/b
    python benchmarks/bench_semantic.py --big /tmp/b --runs 5

Reports:
- F1 (precision, recall) with each matcher on the shared dev gold and on the
  paraphrase pairs in tests/data/paraphrase, by the shared scoring tool run on
  ``sidebyside compare --format json --matcher NAME``;
- cold start: wall time of ``sidebyside compare`` on two seed articles as a
  fresh process, median of --runs, with each matcher, the semantic one with a
  warm embedding cache (reopening) and with an empty one (first open);
- encoding speed of the model in sentences per second (distinct sentences of
  the big set, empty cache);
- on the big set: time to prepare (load the model, embed) and to align with
  the semantic matcher, from an empty and from a warm cache, and the peak
  memory of that process.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
SCORER = os.path.join(SHARED, "tools", "score_alignment.py")
GOLDS = [
    ("dev", os.path.join(SHARED, "gold", "seeds-dev.json"), os.path.join(ROOT, "seeds")),
    (
        "paraphrase",
        os.path.join(ROOT, "tests", "data", "paraphrase", "gold.json"),
        os.path.join(ROOT, "tests", "data", "paraphrase"),
    ),
]
COMPARE = [sys.executable, "-m", "sidebyside", "compare", "--format", "json"]


def score(matcher: str, gold: str, articles: str) -> tuple[str, list[str]]:
    """The scorer's overall line and its per-pair lines."""
    proc = subprocess.run(
        [
            sys.executable,
            SCORER,
            "--gold",
            gold,
            "--articles",
            articles,
            "--quiet",
            "--",
            *COMPARE,
            "--matcher",
            matcher,
        ],
        capture_output=True,
        text=True,
    )
    lines = proc.stdout.strip().splitlines()
    return (lines[-1] if lines else proc.stderr.strip()[-300:]), lines[:-1]


def cold_start(matcher: str, paths: list[str], runs: int, cache: str | None) -> float:
    env = dict(os.environ)
    times = []
    for _ in range(runs):
        if cache is None:
            env["SIDEBYSIDE_CACHE_DIR"] = tempfile.mkdtemp(prefix="sbs-cold-")
        else:
            env["SIDEBYSIDE_CACHE_DIR"] = cache
        start = time.perf_counter()
        subprocess.run(
            [*COMPARE, "--matcher", matcher, *paths],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


BIG = """
import glob, json, resource, sys, time
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.engine.semantic import SemanticMatcher
paths = sorted(glob.glob(sys.argv[1] + "/v*.txt"))
docs = load_documents(paths)
matcher = SemanticMatcher(cache_dir=sys.argv[2])
seen = []
t0 = time.perf_counter()
matcher.prepare(docs, progress=lambda done, total: seen.append((done, total)))
t1 = time.perf_counter()
compare_documents(docs, with_diffs=False, matcher=matcher)
t2 = time.perf_counter()
done, total = seen[-1]
print(json.dumps({"distinct": total, "prepare_s": t1 - t0, "align_s": t2 - t1,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def big_set(folder: str) -> None:
    cache = tempfile.mkdtemp(prefix="sbs-big-")
    name = os.path.basename(os.path.normpath(folder))
    for label in ("empty cache", "warm cache"):
        out = subprocess.run(
            [sys.executable, "-c", BIG, folder, cache], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        line = (
            f"{name} {label}: {r['distinct']} distinct sentences, prepare {r['prepare_s']:.1f} s, "
            f"align {r['align_s']:.1f} s, peak {r['peak_mib']:.0f} MiB"
        )
        if label == "empty cache":
            line += f", encoding {r['distinct'] / r['prepare_s']:.0f} sentences/s (incl. load)"
        print(line, flush=True)
    lexical = subprocess.run(
        [
            sys.executable,
            "-c",
            "import glob,sys,time,resource;"
            "from sidebyside.engine.pipeline import compare_documents, load_documents;"
            "d=load_documents(sorted(glob.glob(sys.argv[1]+'/v*.txt')));t=time.perf_counter();"
            "compare_documents(d, with_diffs=False);"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)",
            folder,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    print(f"{name} lexical: align {float(lexical[0]):.1f} s, peak {float(lexical[1]):.0f} MiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big", help="folder made by make_bench_set.py (10 x 2,000)")
    ap.add_argument("--skip-f1", action="store_true")
    ap.add_argument(
        "--command",
        help="comparison command taking --format json --matcher NAME FILES "
        "(default: python -m sidebyside compare)",
    )
    args = ap.parse_args()
    if args.command:
        COMPARE[:] = [*args.command.split(), "--format", "json"]
    if not args.skip_f1:
        for matcher in ("lexical", "semantic"):
            for label, gold, articles in GOLDS:
                overall, per_pair = score(matcher, gold, articles)
                print(f"F1 {label:10} {matcher:8}: {overall}")
                for line in per_pair:
                    print(f"    {re.sub(r'  +', ' ', line)}")
    seeds = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))[:2]
    warm = tempfile.mkdtemp(prefix="sbs-warm-")
    cold_start("semantic", seeds, 1, warm)  # fill the cache
    for matcher, cache, label in (
        ("lexical", warm, ""),
        ("semantic", warm, " (warm cache)"),
        ("semantic", None, " (empty cache)"),
    ):
        median = cold_start(matcher, seeds, args.runs, cache)
        print(f"cold start compare, 2 seeds, {matcher}{label}: median {median:.2f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of those runs: {peak:.0f} MiB")
    if args.big:
        big_set(args.big)
    return 0


if __name__ == "__main__":
    sys.exit(main())
