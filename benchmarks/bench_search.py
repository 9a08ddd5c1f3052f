#!/usr/bin/env python3
"""Time search as the app runs it: one index per comparison, then one query per Enter.

    python ../shared/tools/make_bench_set.py --versions 10 --sentences 2000 --out /tmp/bench10x2000
    python benchmarks/bench_search.py /tmp/bench10x2000 [--runs 5]
    python benchmarks/bench_search.py --seeds 20000

The generated set is plain ASCII; ``--seeds N`` instead makes ten articles of
N sentences in all from the seed articles repeated, with their curly quotes,
accents and dashes, so folding maps offsets back as it does on real pages.
Reports the median of ``--runs`` runs (and the load average) for building the
index and for each query, folded and exact, with the number of hits.  The
queries cover a rare name (its other spellings are looked up), a common
word, a phrase over several words, and a name that is not in the articles.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import time

from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import load_documents, segment_document
from sidebyside.engine.search import SearchIndex

QUERIES = ["Pukhov", "the", "intelligence agents", "didn't spot", "Assad", "Zzyzx"]
SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")


def seed_documents(total: int, articles: int = 10) -> list[Document]:
    """``articles`` articles of about ``total`` sentences in all, cut from the seeds repeated."""
    seeds = load_documents(sorted(glob.glob(os.path.join(SEEDS, "*.txt"))))
    per_seed = sum(len(d.sentences) for d in seeds)
    copies = max(1, round(total / articles / per_seed))
    body = "\n\n".join(d.text for d in seeds)
    return [
        segment_document(Document(f"seeds-{k:02}.txt", "\n\n".join([body] * copies)))
        for k in range(articles)
    ]


def _median(fn, runs: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--seeds", type=int, metavar="N", help="N sentences from the seeds instead")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if args.seeds:
        documents = seed_documents(args.seeds)
    elif args.folder:
        documents = load_documents(sorted(glob.glob(os.path.join(args.folder, "*.txt"))))
    else:
        ap.error("give a folder of articles or --seeds N")
    n = sum(len(d.sentences) for d in documents)
    print(f"{len(documents)} articles, {n} sentences; median of {args.runs} runs")
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    built, index = _median(lambda: SearchIndex(documents), args.runs)
    print(f"index: {built * 1000:.1f} ms")
    first, _ = _median(lambda: SearchIndex(documents).search("Pukhov"), args.runs)
    print(f"index + first name query (names counted): {first * 1000:.1f} ms")
    index.search("Pukhov")  # names counted once per index, as in the app
    for query in QUERIES:
        folded, hits = _median(lambda q=query: index.search(q), args.runs)
        exact, exact_hits = _median(lambda q=query: index.search(q, exact=True), args.runs)
        print(
            f"{query!r:24} folded {folded * 1000:7.1f} ms {len(hits):6} hits   "
            f"exact {exact * 1000:6.1f} ms {len(exact_hits):6} hits"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
