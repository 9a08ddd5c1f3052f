#!/usr/bin/env python3
"""Time sentence segmentation and check its sentence counts against a bench set's gold.

    python ../shared/tools/make_bench_set.py --versions 10 --sentences 2000 --out /tmp/b
    python benchmarks/bench_segment.py /tmp/b
    python benchmarks/bench_segment.py seeds/*.txt

Reports the median of --runs runs of segmenting every file, in seconds and sentences
per second.  The paragraph cache is cleared before each run, so every run pays for
every paragraph.  When the folder holds the generator's gold.json, each file's
sentences must be exactly the generated ones.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys
import time
from collections import Counter

from sidebyside.engine import segment
from sidebyside.engine.segment import split_sentences


def article_paths(folder_or_files: list[str]) -> list[str]:
    if len(folder_or_files) == 1 and os.path.isdir(folder_or_files[0]):
        return sorted(glob.glob(os.path.join(folder_or_files[0], "*.txt")))
    return folder_or_files


def gold_sentences(folder: str) -> dict[str, list[str]]:
    """The generated sentences of each version, by file name, from gold.json."""
    with open(os.path.join(folder, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    files = gold["docs"]
    out: dict[str, list[str]] = {}
    for pair in gold["pairs"]:
        out[files[pair["b"]]] = [b for _, b in pair["links"]] + pair["unmatched_b"]
        out[files[pair["a"]]] = [a for a, _ in pair["links"]] + pair["unmatched_a"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("paths", nargs="+", help="article files, or one folder of *.txt")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    paths = article_paths(args.paths)
    texts = []
    for path in paths:
        with open(path, encoding="utf-8-sig") as f:
            texts.append(f.read())

    times = []
    for _ in range(args.runs):
        segment._split_cached.cache_clear()
        start = time.perf_counter()
        results = [split_sentences(text) for text in texts]
        times.append(time.perf_counter() - start)
    count = sum(map(len, results))
    median = statistics.median(times)
    print(f"{len(paths)} files, {count} sentences")
    print(f"median of {args.runs} runs: {median * 1000:.1f} ms, {count / median:,.0f} sentences/s")

    folder = args.paths[0] if len(args.paths) == 1 else ""
    if not os.path.isfile(os.path.join(folder, "gold.json")):
        return 0
    expected = gold_sentences(folder)
    wrong = 0
    for path, found in zip(paths, results, strict=True):
        want = expected.get(os.path.basename(path))
        if want is None:
            continue
        got = [s.text for s in found]
        if Counter(got) != Counter(want):
            wrong += 1
            print(f"{os.path.basename(path)}: {len(got)} sentences, {len(want)} generated")
    print("sentences match the generated ones" if not wrong else f"{wrong} files differ")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
