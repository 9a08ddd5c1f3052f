#!/usr/bin/env python3
"""The naive way, for comparison: fuzzy-score every sentence pair.

    python benchmarks/allpairs_baseline.py /tmp/bench10x500
    python benchmarks/allpairs_baseline.py /tmp/bench10x500 --scorer token_set_ratio --one-matrix

Splits sentences with the project's segmenter, then, article pair by article
pair, scores every sentence of one against every sentence of the other with
one rapidfuzz ``cdist`` call on all cores, and keeps each sentence's best
partner above 60.

Which rapidfuzz scorer is used changes the time tenfold, so the default is
picked to match the quick script the engine is held against (8.4 s on
10 x 500 and about 110 s on 10 x 2,000 on a two-core machine):
``token_sort_ratio`` across article pairs takes 9.6 s on 10 x 500 there.
``ratio`` is about five times quicker and ``token_set_ratio`` over one
matrix of every sentence (``--one-matrix``, within articles too) about
2.4 times slower.  Its running time grows with the square of the input;
``bench_align.py --baseline`` measures the engine on the same set.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import os
import sys
import time

import numpy as np
from rapidfuzz import fuzz, process

from sidebyside.engine.pipeline import load_documents

SCORERS = ("token_sort_ratio", "token_set_ratio", "ratio", "QRatio", "WRatio", "partial_ratio")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--scorer", choices=SCORERS, default="token_sort_ratio")
    ap.add_argument(
        "--one-matrix",
        action="store_true",
        help="score every sentence against every other in one call, within articles too",
    )
    args = ap.parse_args()
    scorer = getattr(fuzz, args.scorer)
    paths = sorted(glob.glob(os.path.join(args.folder, "*.txt")))
    start = time.perf_counter()
    documents = load_documents(paths)
    texts = [[s.text for s in d.sentences] for d in documents]
    if args.one_matrix:
        every = [t for doc in texts for t in doc]
        scores = process.cdist(every, every, scorer=scorer, workers=-1)
        np.fill_diagonal(scores, 0)
        links = int(np.count_nonzero(scores.max(axis=1) >= 60))
    else:
        links = 0
        for a, b in itertools.combinations(range(len(texts)), 2):
            if not texts[a] or not texts[b]:
                continue
            scores = process.cdist(texts[a], texts[b], scorer=scorer, workers=-1)
            best = scores.argmax(axis=1)
            links += int(np.count_nonzero(scores[np.arange(len(best)), best] >= 60))
    elapsed = time.perf_counter() - start
    how = "one matrix" if args.one_matrix else "article pair by article pair"
    print(f"all-pairs {args.scorer}, {how}: {elapsed:.1f} s, {links} sentences with a partner")
    return 0


if __name__ == "__main__":
    sys.exit(main())
