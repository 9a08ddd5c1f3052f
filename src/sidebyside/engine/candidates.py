"""Which sentence pairs are worth scoring at all.

Scoring every sentence against every other grows with the square of the
input.  Small comparisons (a few articles of a few dozen sentences) can
afford every pair of sentences of different articles, so a paraphrase that
shares no word is still seen.  Larger ones score the pairs that share a
content word, plus each sentence's nearest neighbours by embedding when the
matcher has embeddings.  At scale they are blocked: two sentences become
candidates only if they share a rare word or a rare pair of adjacent words.
Keys held by many sentences are skipped, so the work per key is bounded and
the total grows about linearly with the number of sentences.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sidebyside.engine.arrays import distinct, distinct_inverse, ranges
from sidebyside.engine.features import Features, pairs_sharing

# Up to this many cross-article pairs, every one is a candidate.
ALL_PAIRS_LIMIT = 250_000
# Up to this many sentences in all, every pair sharing a content word is one,
# except words so common in the story that they say nothing about a pair.
EXHAUSTIVE_LIMIT = 4000
COMMON_PER_ARTICLE = 20
COMMON_FLOOR = 200
# Up to this many sentences, embedding neighbours are searched exhaustively.
NEIGHBOUR_LIMIT = 6000
# Embedding neighbours each sentence gets in every other article: two, for both halves
# of a sentence split in other words.  Four scored twice the pairs (36 a sentence among
# ten articles) and linked no better on any gold set forced into this regime.
NEIGHBOURS = 2
# More sentences of one document than this tied at a row's k-th similarity: a repeated
# line, of which only k are taken.
TIE_LIMIT = 16
# Rows of the similarity matrix computed at once (bounds memory).
BLOCK_ROWS = 1024


def cross_pair_count(features: Features) -> int:
    n = features.n_rows
    sizes = np.diff([*features.offsets, n])
    return int((n * n - int((sizes**2).sum())) // 2)


def all_pairs(features: Features) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``i < j`` of rows of different documents."""
    n = features.n_rows
    bounds = [*features.offsets, n]
    rows, cols = [], []
    for d in range(len(features.offsets)):
        lo, hi = bounds[d], bounds[d + 1]
        if hi <= lo or hi >= n:
            continue
        a = np.repeat(np.arange(lo, hi, dtype=np.int64), n - hi)
        b = np.tile(np.arange(hi, n, dtype=np.int64), hi - lo)
        rows.append(a)
        cols.append(b)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(rows), np.concatenate(cols)


def _term_keys(features: Features) -> tuple[np.ndarray, np.ndarray]:
    return features.indices, features.entry_row


def _blocking_keys(features: Features, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """(key, row) entries for rare terms and rare adjacent-term pairs of each sentence."""
    rare = features.df <= 2 * n_docs
    keep = rare[features.indices]
    pair_keys, pair_rows = _adjacent_pair_keys(features, offset=len(features.vocabulary))
    return (
        np.concatenate([features.indices[keep], pair_keys]),
        np.concatenate([features.entry_row[keep], pair_rows]),
    )


def _adjacent_pair_keys(features: Features, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """(key, row) entries, one per distinct pair of adjacent terms in a row, keys numbered
    from ``offset``.  Worked out once per distinct text (versions repeat sentences) and
    spread to the rows that hold it, in arrays: a loop over rows costs a quarter of a
    second on ten 2,000-sentence articles."""
    empty = np.zeros(0, dtype=np.int64)
    firsts = features.text_rows.tolist()
    if not firsts:
        return empty, empty
    vocabulary = features.vocabulary
    term_lists = [features.terms[r].terms for r in firsts]
    lengths = np.fromiter(map(len, term_lists), np.int64, len(term_lists))
    ids = np.fromiter(
        (vocabulary[t] for terms in term_lists for t in terms), np.int64, int(lengths.sum())
    )
    owner = np.repeat(np.arange(len(firsts), dtype=np.int64), lengths)
    adjacent = owner[:-1] == owner[1:]
    width = max(len(vocabulary), 1)
    pair_code = (ids[:-1] * width + ids[1:])[adjacent]
    pair_owner = owner[:-1][adjacent]
    if not len(pair_code):
        return empty, empty
    # One entry per distinct pair of a text, texts in order.
    order = np.lexsort((pair_code, pair_owner))
    pair_code, pair_owner = pair_code[order], pair_owner[order]
    first = np.r_[True, (pair_code[1:] != pair_code[:-1]) | (pair_owner[1:] != pair_owner[:-1])]
    pair_code, pair_owner = pair_code[first], pair_owner[first]
    _, key = distinct_inverse(pair_code)
    # Spread each text's entries to every row holding it.
    per_text = np.bincount(pair_owner, minlength=len(firsts))
    text_start = np.cumsum(per_text) - per_text
    text_of_row = features.text_id
    count = per_text[text_of_row]
    rows = np.repeat(np.arange(len(text_of_row), dtype=np.int64), count)
    return key[ranges(text_start[text_of_row], count)] + offset, rows


def neighbour_pairs(
    emb: np.ndarray, features: Features, k: int = NEIGHBOURS, skip: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` closest rows by embedding in every other document, as pairs ``i < j``.

    Versions of one story repeat many sentences word for word, and a repeated
    sentence has one embedding: the search runs once per distinct sentence and
    its result goes to every row holding it.  Per sentence and document, the
    ``k``-th best similarity is found (``_kth_largest``), and every similarity
    reaching it is a neighbour: ties at that level come in too, unless a sentence ties with
    more than ``TIE_LIMIT`` rows of one document (a line repeated throughout),
    where its ``k`` first are taken.  Rows marked in ``skip`` are nobody's neighbour
    and have none.
    """
    n = emb.shape[0]
    empty = np.zeros(0, dtype=np.int64)
    if n == 0 or k <= 0:
        return empty, empty
    bounds = [*features.offsets, n]
    doc = np.asarray(features.doc_of_row, dtype=np.int64)
    text_of_row = features.text_id
    first_row = features.text_rows
    table = emb[first_row]
    # The rows holding each distinct sentence, together.
    by_text = np.argsort(text_of_row, kind="stable")
    holders = np.bincount(text_of_row, minlength=len(first_row))
    holder_start = np.cumsum(holders) - holders
    found: list[np.ndarray] = []
    for start in range(0, len(first_row), BLOCK_ROWS):
        stop = min(len(first_row), start + BLOCK_ROWS)
        sims = table[start:stop] @ table.T
        for d in range(len(features.offsets)):
            lo, hi = bounds[d], bounds[d + 1]
            if hi <= lo:
                continue
            part = sims[:, text_of_row[lo:hi]]
            if skip is not None:
                part[:, skip[lo:hi]] = -np.inf  # nobody's neighbour: the rest move up
            level = _kth_largest(part, min(k, hi - lo))
            at = np.flatnonzero(part >= level[:, None])
            sentence = at // (hi - lo)  # ascending: each sentence's hits lie together
            ties = np.bincount(sentence, minlength=stop - start)
            if ties.max(initial=0) > TIE_LIMIT:
                # A sentence tied with a line repeated throughout: its first k hits only.
                rank = np.arange(len(at)) - (np.cumsum(ties) - ties)[sentence]
                keep = (ties[sentence] <= TIE_LIMIT) | (rank < k)
                at, sentence = at[keep], sentence[keep]
            col = at % (hi - lo) + lo
            # Every row holding the sentence, outside document d, meets the hit.
            text = sentence + start
            count = holders[text]
            row = by_text[
                np.repeat(holder_start[text] - np.cumsum(count) + count, count)
                + np.arange(int(count.sum()))
            ]
            col = np.repeat(col, count)
            other = doc[row] != d
            if skip is not None:
                other &= ~skip[row] & ~skip[col]
            row, col = row[other], col[other]
            found.append(np.minimum(row, col) * n + np.maximum(row, col))
    if not found:
        return empty, empty
    codes = distinct(np.concatenate(found))
    return codes // n, codes % n


def _kth_largest(values: np.ndarray, k: int) -> np.ndarray:
    """Per row, the ``k``-th largest value, equal values counted apart (as partitioning
    finds it).  For the few neighbours wanted, taking the largest ``k`` times is quicker
    than partitioning similarities, which hold many near-equal values."""
    work = values.copy()
    rows = np.arange(len(work))
    for _ in range(k - 1):
        work[rows, work.argmax(axis=1)] = -np.inf
    return work.max(axis=1)


def uses_embeddings(features: Features) -> bool:
    """Whether ``candidate_pairs`` would look for nearest neighbours by embedding."""
    return cross_pair_count(features) > ALL_PAIRS_LIMIT and features.n_rows <= NEIGHBOUR_LIMIT


def candidate_pairs(
    features: Features,
    n_docs: int,
    emb: np.ndarray | Callable[[], np.ndarray] | None = None,
    skip: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``i < j`` of different documents worth scoring, sorted by ``(i, j)``.

    ``emb``: the embeddings, or a call that waits for them, made only once the
    pairs sharing words are found (a second thread can finish them meanwhile).
    Rows marked in ``skip`` (page furniture) are in no pair, and take no place that
    a story sentence could have: no key's count, no nearest neighbour's slot.
    """
    if skip is not None and not skip.any():
        skip = None
    if cross_pair_count(features) <= ALL_PAIRS_LIMIT:
        rows, cols = all_pairs(features)
        if skip is not None:
            kept = ~(skip[rows] | skip[cols])
            rows, cols = rows[kept], cols[kept]
        return rows, cols
    n = features.n_rows
    if n <= EXHAUSTIVE_LIMIT:
        common = max(COMMON_FLOOR, COMMON_PER_ARTICLE * n_docs)
        keys, key_rows, max_df = *_term_keys(features), common
    else:
        keys, key_rows, max_df = *_blocking_keys(features, n_docs), 3 * n_docs
    if skip is not None:
        kept = ~skip[key_rows]
        keys, key_rows = keys[kept], key_rows[kept]
    rows, cols = pairs_sharing(keys, key_rows, features.doc_of_row, max_df=max_df)
    if emb is not None and uses_embeddings(features):
        vectors = emb() if callable(emb) else emb
        if vectors is not None:
            knn_rows, knn_cols = neighbour_pairs(vectors, features, skip=skip)
            codes = distinct(np.concatenate([rows * n + cols, knn_rows * n + knn_cols]))
            rows, cols = codes // n, codes % n
    return rows, cols
