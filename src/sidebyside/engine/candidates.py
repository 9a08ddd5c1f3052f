"""Which sentence pairs are worth scoring at all.

Scoring every sentence against every other grows with the square of the
input.  Small comparisons (a few articles) can afford every pair that shares
a content word; large ones are blocked: two sentences become candidates only
if they share a rare word or a rare pair of adjacent content words.  Keys
that occur in many sentences are skipped, so the work per key is bounded and
the total grows about linearly with the number of sentences.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from sidebyside.engine.features import Features

# Up to this many sentences in all, every pair sharing a content word is scored.
EXHAUSTIVE_LIMIT = 4000


def _upper_pairs(product: sparse.spmatrix, doc_of_row: np.ndarray):
    coo = sparse.triu(product, k=1, format="coo")
    keep = doc_of_row[coo.row] != doc_of_row[coo.col]
    return coo.row[keep], coo.col[keep], coo.data[keep]


def _blocking_keys(features: Features, n_docs: int) -> sparse.csr_matrix:
    """Binary matrix of rare unigrams and rare adjacent-term bigrams per sentence."""
    cap_unigram = 2 * n_docs
    cap_bigram = 3 * n_docs
    rare = {t for t, j in features.vocabulary.items() if features.df[j] <= cap_unigram}
    keys: dict[object, int] = {}
    indptr = [0]
    indices: list[int] = []
    seen: dict[int, list[int]] = {}  # rows of one distinct sentence have the same keys
    for st in features.terms:
        row_keys = seen.get(id(st))
        if row_keys is None:
            found = {keys.setdefault(t, len(keys)) for t in st.terms if t in rare}
            found.update(keys.setdefault(pair, len(keys)) for pair in zip(st.terms, st.terms[1:]))
            row_keys = seen[id(st)] = list(found)
        indices.extend(row_keys)
        indptr.append(len(indices))
    n_keys = len(keys)
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix(
        (data, np.asarray(indices, dtype=np.int32), indptr), shape=(len(features.terms), n_keys)
    )
    # Drop bigram keys that are too common to discriminate.
    key_df = np.bincount(matrix.indices, minlength=n_keys)
    common = key_df > cap_bigram
    if common.any():
        matrix.data[common[matrix.indices]] = 0
        matrix.eliminate_zeros()
    return matrix


def scored_pairs(features: Features, n_docs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows ``i < j`` of different documents, with the cosine of their vectors."""
    x = features.matrix
    if x.shape[0] <= EXHAUSTIVE_LIMIT:
        rows, cols, scores = _upper_pairs(x @ x.T, features.doc_of_row)
    else:
        keys = _blocking_keys(features, n_docs)
        rows, cols, _ = _upper_pairs(keys @ keys.T, features.doc_of_row)
        scores = np.asarray(x[rows].multiply(x[cols]).sum(axis=1)).ravel()
    keep = scores > 0
    return rows[keep].astype(np.int64), cols[keep].astype(np.int64), scores[keep]
