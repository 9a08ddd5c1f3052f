#!/usr/bin/env python3
"""The naive way, for comparison: fuzzy-score every sentence pair of every article pair.

    python benchmarks/allpairs_baseline.py /tmp/bench10x2000

Splits sentences with the project's segmenter, then for each pair of
articles scores all sentence pairs with ``fuzz.token_set_ratio`` and keeps
each sentence's best partner above 60.  Its running time grows with the
square of the input; ``bench_align.py`` measures the engine on the same set.
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
from sidebyside.engine.segment import split_sentences


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder")
    args = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(args.folder, "*.txt")))
    start = time.perf_counter()
    documents = load_documents(paths)
    texts = [[s.text for s in split_sentences(d.text)] for d in documents]
    links = 0
    for a, b in itertools.combinations(range(len(texts)), 2):
        scores = process.cdist(
            texts[a], texts[b], scorer=fuzz.token_set_ratio, processor=utils.default_process
        )
        best = scores.argmax(axis=1)
        links += int(np.count_nonzero(scores[np.arange(len(best)), best] >= 60))
    elapsed = time.perf_counter() - start
    print(f"all-pairs token_set_ratio: {elapsed:.1f} s, {links} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
