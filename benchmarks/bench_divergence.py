"""Time the divergence labels of every row of a large comparison, as the JSON report makes them.

    python benchmarks/bench_divergence.py /tmp/bench/10x2000/v*.txt [--runs 5]

Aligns once, then labels every row ``--runs`` times with the label caches
emptied before each run; prints the median CPU seconds and the label count.
(The app labels only the rows it shows.)
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

from sidebyside.engine import divergence
from sidebyside.engine.divergence import name, rows, text
from sidebyside.engine.matcher import LexicalMatcher
from sidebyside.engine.pipeline import compare_documents, load_documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    gc.disable()
    comparison = compare_documents(load_documents(args.files), matcher=LexicalMatcher())
    times = []
    count = 0
    for _ in range(args.runs):
        rows._CACHE.clear()
        rows._written.cache_clear()
        text.analysed.cache_clear()
        name._article_names.cache_clear()
        start = time.process_time()
        count = sum(
            len(divergence.classify_group(comparison.documents, g)) for g in comparison.groups
        )
        times.append(time.process_time() - start)
    runs = ", ".join(f"{t:.3f}" for t in times)
    median = statistics.median(times)
    print(f"{len(comparison.groups)} rows, {count} labels: median {median:.3f} s CPU ({runs})")


if __name__ == "__main__":
    main()
