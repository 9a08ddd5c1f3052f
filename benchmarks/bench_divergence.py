"""Time the divergence labels of every row of a large comparison, as the JSON report makes them.

    python benchmarks/bench_divergence.py /tmp/bench/10x2000/v*.txt [--runs 5]

Aligns once, then labels every row ``--runs`` times with every label cache
emptied before each run (as in a fresh process); prints the median CPU and
wall seconds, the label count and the load average.  (The app labels only
the rows it shows.)
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time

from sidebyside.engine import divergence
from sidebyside.engine.matcher import LexicalMatcher
from sidebyside.engine.pipeline import compare_documents, load_documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    gc.disable()
    comparison = compare_documents(load_documents(args.files), matcher=LexicalMatcher())
    cpu, wall = [], []
    count = 0
    for _ in range(args.runs):
        divergence.clear_caches()
        start, start_wall = time.process_time(), time.perf_counter()
        count = sum(
            len(divergence.classify_group(comparison.documents, g)) for g in comparison.groups
        )
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - start_wall)
    runs = ", ".join(f"{t:.3f}" for t in cpu)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{len(comparison.groups)} rows, {count} labels: median of {args.runs} "
        f"{statistics.median(cpu):.3f} s CPU ({runs}), {statistics.median(wall):.3f} s wall; "
        f"load average {load}"
    )


if __name__ == "__main__":
    main()
