#!/usr/bin/env python3
"""Time the comparison engine on a large article set and score it against gold.

    python ../shared/tools/make_bench_set.py --versions 10 --sentences 2000 --out /tmp/b
    python benchmarks/bench_align.py /tmp/b --runs 5

Reports, each as the median of --runs runs:
- the wall time of ``sidebyside compare --format json`` as a fresh process
  (start-up, loading, segmenting, aligning, diffing and writing JSON), and its
  peak memory;
- in-process stage times (segment, align, diff), to see where time goes;
and, with --gold, precision/recall/F1 from the shared scoring tool.
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import statistics
import subprocess
import sys
import time

from sidebyside.engine.align import align
from sidebyside.engine.diff import diff_group
from sidebyside.engine.pipeline import load_documents
from sidebyside.engine.segment import split_sentences

SCORER = os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "tools", "score_alignment.py"
)


def article_paths(folder_or_files: list[str]) -> list[str]:
    if len(folder_or_files) == 1 and os.path.isdir(folder_or_files[0]):
        return sorted(glob.glob(os.path.join(folder_or_files[0], "*.txt")))
    return folder_or_files


def time_cli(paths: list[str], runs: int) -> tuple[list[float], int]:
    """Wall times of the whole command and the largest peak RSS (KiB) seen."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sidebyside", "compare", "--format", "json", *paths],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times, peak


def time_stages(paths: list[str], runs: int) -> dict[str, list[float]]:
    stages: dict[str, list[float]] = {"segment": [], "align": [], "diff": []}
    for _ in range(runs):
        documents = load_documents(paths)
        start = time.perf_counter()
        for doc in documents:
            doc.sentences = split_sentences(doc.text)
        stages["segment"].append(time.perf_counter() - start)
        start = time.perf_counter()
        groups = align(documents)
        stages["align"].append(time.perf_counter() - start)
        start = time.perf_counter()
        for members, _ in groups:
            diff_group(documents, members)
        stages["diff"].append(time.perf_counter() - start)
    return stages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("articles", nargs="+", help="a folder of .txt articles, or the files")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gold", help="gold JSON to score against (default: FOLDER/gold.json)")
    args = ap.parse_args()
    paths = article_paths(args.articles)
    n_sentences = sum(len(split_sentences(d.text)) for d in load_documents(paths))
    print(f"{len(paths)} articles, {n_sentences} sentences; median of {args.runs} runs")

    stages = time_stages(paths, args.runs)
    for name, values in stages.items():
        print(f"  {name:8s} {statistics.median(values):7.3f} s")
    times, peak = time_cli(paths, args.runs)
    print(
        f"  compare --format json (whole process): {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}); peak memory {peak / 1024:.0f} MiB"
    )

    gold = args.gold or os.path.join(args.articles[0], "gold.json")
    if os.path.exists(gold) and os.path.exists(SCORER):
        folder = os.path.dirname(paths[0])
        cmd = [
            sys.executable,
            SCORER,
            "--quiet",
            "--gold",
            gold,
            "--articles",
            folder,
            "--",
            sys.executable,
            "-m",
            "sidebyside",
            "compare",
            "--format",
            "json",
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
        print("  " + (out.strip().splitlines() or ["scoring printed nothing"])[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
