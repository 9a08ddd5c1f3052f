#!/usr/bin/env python3
"""The naive way, for comparison: fuzzy-score every sentence pair.

    python benchmarks/allpairs_baseline.py /tmp/bench10x500
    python benchmarks/allpairs_baseline.py /tmp/bench10x500 --per-pair

Splits sentences with the project's segmenter, then scores every sentence
against every other with rapidfuzz's ``token_set_ratio`` in one ``cdist``
call on all cores (the quick script the engine is measured against), or with
``--per-pair`` article pair by article pair with rapidfuzz's default
preprocessing, keeping each sentence's best partner above 60.  Its running
time grows with the square of the input; ``bench_align.py --baseline``
measures the engine on the same set.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import os
import sys
import time

import numpy as np
from rapidfuzz import fuzz, process, utils

from sidebyside.engine.pipeline import load_documents


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--per-pair", action="store_true", help="score article pair by article pair")
    args = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(args.folder, "*.txt")))
    start = time.perf_counter()
    documents = load_documents(paths)
    texts = [[s.text for s in d.sentences] for d in documents]
    if args.per_pair:
        links = 0
        for a, b in itertools.combinations(range(len(texts)), 2):
            scores = process.cdist(
                texts[a], texts[b], scorer=fuzz.token_set_ratio, processor=utils.default_process
            )
            best = scores.argmax(axis=1)
            links += int(np.count_nonzero(scores[np.arange(len(best)), best] >= 60))
    else:
        every = [t for doc in texts for t in doc]
        scores = process.cdist(every, every, scorer=fuzz.token_set_ratio, workers=-1)
        np.fill_diagonal(scores, 0)
        links = int(np.count_nonzero(scores.max(axis=1) >= 60))
    elapsed = time.perf_counter() - start
    print(f"all-pairs token_set_ratio: {elapsed:.1f} s, {links} sentences with a partner")
    return 0


if __name__ == "__main__":
    sys.exit(main())
