"""Sentence alignment across any number of articles.

1. Every sentence becomes a weighted word vector (``features``); candidate
   pairs come from ``candidates`` and are scored by cosine similarity.
2. Links are chosen per pair of articles by evidence, not one cut-off: a
   pair is linked when each sentence is the other's best match and clearly
   ahead of the runner-up, or when the similarity is high in itself.
3. Splits and merges: when a sentence matches two adjacent sentences of
   another article better together than either alone, both are linked.
4. Groups are grown from the strongest links down (like single-linkage
   clustering) but a merge is refused when it would put two unrelated
   sentences of one article together, or when the groups joined are, on
   average, not similar (which stops chains of weak links).

The articles are processed in a canonical order (by content hash) so the
result does not depend on the order the files were given in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sidebyside.engine.features import Features, build_features
from sidebyside.engine.matcher import LexicalMatcher, Thresholds
from sidebyside.engine.model import Document, Member

# Most sentences one article may contribute to a group (a split).
MAX_RUN = 3
# Partners kept per sentence and other article.  Only the best few can ever
# be linked or compete; keeping them all makes repeated sentences (a line
# that occurs hundreds of times) cost the square of their count.
KEEP_PER_ARTICLE = 8
# A sentence pair between two aligned neighbour pairs is linked when it shares
# at least this much (any content word gives more) and its lengths, in
# content words, are within this ratio.
GAP_SIMILARITY = 0.02
GAP_LENGTH_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class _Link:
    score: float
    a: int  # feature rows
    b: int


class _Similarities:
    """Cosine of two rows, or 0 when they were not candidates.

    Candidates are every pair sharing a content word in small comparisons,
    and every pair sharing a rare key in large ones, so an absent pair is
    one with nothing (or nothing distinctive) in common.
    """

    def __init__(self, rows, cols, scores) -> None:
        self.known = dict(zip(zip(rows.tolist(), cols.tolist()), scores.tolist()))

    def __call__(self, i: int, j: int) -> float:
        return self.known.get((i, j) if i < j else (j, i), 0.0)


def _relative_positions(features: Features) -> np.ndarray:
    """Where each row sits in its article, from 0 (first sentence) to 1 (last)."""
    doc = features.doc_of_row
    starts = np.asarray(features.offsets)
    lengths = np.diff([*features.offsets, len(doc)])
    return (np.arange(len(doc)) - starts[doc]) / np.maximum(lengths[doc] - 1, 1)


def _keep_best(features: Features, rows, cols, scores, n_docs: int):
    """Drop pairs that are in neither sentence's top ``KEEP_PER_ARTICLE`` for the other's article.

    Ties (identical sentences) go to the partner at the closer relative
    position, so repeated lines pair up in reading order.
    """
    if len(rows) == 0:
        return rows, cols, scores
    doc = features.doc_of_row
    position = _relative_positions(features)
    pair = np.arange(len(rows))
    src, dst = np.concatenate([rows, cols]), np.concatenate([cols, rows])
    sim, pair = np.concatenate([scores, scores]), np.concatenate([pair, pair])
    slot = src * n_docs + doc[dst]
    drift = np.abs(position[src] - position[dst])
    order = np.lexsort((dst, drift, -sim, slot))
    slot = slot[order]
    index = np.arange(len(slot))
    first = np.ones(len(slot), dtype=bool)
    first[1:] = slot[1:] != slot[:-1]
    rank = index - np.maximum.accumulate(np.where(first, index, 0))
    keep = np.zeros(len(rows), dtype=bool)
    keep[pair[order][rank < KEEP_PER_ARTICLE]] = True
    return rows[keep], cols[keep], scores[keep]


def _best_partners(features: Features, rows, cols, scores, n_docs: int):
    """Best partner, best score and runner-up score of each row in each other article."""
    n = features.matrix.shape[0]
    src = np.concatenate([rows, cols])
    dst = np.concatenate([cols, rows])
    sim = np.concatenate([scores, scores])
    other_doc = features.doc_of_row[dst]
    slot = src * n_docs + other_doc
    order = np.lexsort((dst, -sim, slot))
    slot, dst, sim = slot[order], dst[order], sim[order]
    first = np.ones(len(slot), dtype=bool)
    first[1:] = slot[1:] != slot[:-1]
    best = np.full(n * n_docs, -1, dtype=np.int64)
    best_score = np.zeros(n * n_docs)
    second_score = np.zeros(n * n_docs)
    best[slot[first]] = dst[first]
    best_score[slot[first]] = sim[first]
    second = np.zeros(len(slot), dtype=bool)
    second[1:] = ~first[1:] & first[:-1]
    second_score[slot[second]] = sim[second]
    return best, best_score, second_score


def _evidence(features: Features, rows, cols, scores, context: float) -> np.ndarray:
    """Similarity plus a share of the better-matching diagonal neighbour pair.

    ``rows``/``cols``/``scores`` are all scored candidates; neighbours that
    were not candidates count as 0.
    """
    doc = features.doc_of_row
    n = len(doc)
    codes = rows * n + cols
    order = np.argsort(codes)
    sorted_codes, sorted_scores = codes[order], scores[order]

    def neighbour(step: int) -> np.ndarray:
        r, c = rows + step, cols + step
        valid = (r >= 0) & (c < n)
        r, c = np.clip(r, 0, n - 1), np.clip(c, 0, n - 1)
        valid &= (doc[r] == doc[rows]) & (doc[c] == doc[cols])
        wanted = r * n + c
        pos = np.minimum(np.searchsorted(sorted_codes, wanted), len(sorted_codes) - 1)
        hit = valid & (sorted_codes[pos] == wanted)
        return np.where(hit, sorted_scores[pos], 0.0)

    if not len(rows):
        return scores.copy()
    return scores + context * np.maximum(neighbour(-1), neighbour(1))


def _select_links(features: Features, matcher, rows, cols, scores, n_docs: int) -> list[_Link]:
    t: Thresholds = matcher.thresholds
    evidence = _evidence(features, rows, cols, scores, t.context)
    # Pairs that could never be linked must not count as competitors either.
    hopeful = (evidence >= t.mutual - t.margin) | (scores >= t.strong)
    rows, cols, scores, evidence = rows[hopeful], cols[hopeful], scores[hopeful], evidence[hopeful]
    eligible = matcher.may_link(features, rows, cols, scores)
    rows, cols, scores = rows[eligible], cols[eligible], scores[eligible]
    evidence = evidence[eligible]
    best, _, second_score = _best_partners(features, rows, cols, evidence, n_docs)
    doc = features.doc_of_row
    links = []
    for i, j, s, e in zip(rows.tolist(), cols.tolist(), scores.tolist(), evidence.tolist()):
        if s >= t.strong:
            links.append(_Link(s, i, j))
            continue
        if e < t.mutual:
            continue
        slot_i = i * n_docs + doc[j]
        slot_j = j * n_docs + doc[i]
        if best[slot_i] != j or best[slot_j] != i:
            continue
        runner_up = max(second_score[slot_i], second_score[slot_j])
        if e >= t.confident or e - runner_up >= t.margin:
            links.append(_Link(s, i, j))
    return links


def _split_links(
    features: Features, matcher, similarity: _Similarities, links: list[_Link]
) -> list[_Link]:
    """Links from a sentence to the neighbours of its match that complete it."""
    t: Thresholds = matcher.thresholds
    doc = features.doc_of_row
    n = len(doc)
    extra = []
    for link in links:
        for row, match in ((link.a, link.b), (link.b, link.a)):
            for neighbour in (match - 1, match + 1):
                if not 0 <= neighbour < n or doc[neighbour] != doc[match]:
                    continue
                part = similarity(row, neighbour)
                if part < t.split_part or not matcher.may_split(features, row, neighbour):
                    continue
                novel = features.term_set(neighbour) - features.term_set(match)
                if features.share_of(row, novel) >= t.split_novelty:
                    a, b = sorted((row, neighbour))
                    extra.append(_Link(part, a, b))
    return extra


class _Groups:
    """Union of rows into groups, refusing merges that break the rules above."""

    def __init__(self, features: Features, similarity: _Similarities, average_link: float) -> None:
        self.features = features
        self.average_link = average_link
        self.similarity = similarity
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}

    def find(self, r: int) -> int:
        root = r
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(r, r) != root:
            self.parent[r], r = root, self.parent[r]
        return root

    def _allowed(self, left: list[int], right: list[int], check_similarity: bool = True) -> bool:
        doc = self.features.doc_of_row
        by_doc: dict[int, list[int]] = {}
        for r in left + right:
            by_doc.setdefault(int(doc[r]), []).append(r)
        runs = 0
        for rows in by_doc.values():
            if len(rows) > 1:
                rows.sort()
                if len(rows) > MAX_RUN or rows[-1] - rows[0] != len(rows) - 1:
                    return False
                runs += 1
        # A group shows one article's split against the others' single
        # sentences; two articles both contributing several is a tangle.
        if runs > 1:
            return False
        if not check_similarity:
            return True
        cross = [self.similarity(a, b) for a in left for b in right if doc[a] != doc[b]]
        return not cross or sum(cross) / len(cross) >= self.average_link

    def rows_of(self, r: int) -> list[int]:
        root = self.find(r)
        return self.members.get(root, [root])

    def link(self, a: int, b: int, check_similarity: bool = True) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        left = self.members.get(ra, [ra])
        right = self.members.get(rb, [rb])
        if not self._allowed(left, right, check_similarity):
            return
        root, other = (ra, rb) if ra < rb else (rb, ra)
        self.parent[other] = root
        self.members[root] = left + right
        self.members.pop(other, None)


def _fill_gaps(features: Features, groups: _Groups, similarity: _Similarities) -> None:
    """Link a lone sentence pair held in place by aligned neighbours on both sides.

    When sentence i of one article and j of another are unmatched, but i-1 is
    aligned with j-1 and i+1 with j+1, a rewrite has most likely reworded the
    sentence between (as sentence aligners that follow document order
    assume).  Some shared content is still required, and similar length, so
    a dropped sentence and an added one that happen to sit in the same place
    stay apart.
    """
    doc = features.doc_of_row
    n = len(doc)
    n_docs = len(features.offsets)
    lengths = [len(st.terms) for st in features.terms]
    doc = doc.tolist()
    for i in range(1, n - 1):
        if doc[i - 1] != doc[i] or doc[i + 1] != doc[i]:
            continue
        mine = {doc[r] for r in groups.rows_of(i)}
        if len(mine) == n_docs:
            continue
        before = {doc[r]: r for r in groups.rows_of(i - 1)}
        after = {doc[r]: r for r in groups.rows_of(i + 1)}
        for d, p in before.items():
            j = p + 1
            if d <= doc[i] or d in mine or after.get(d) != j + 1 or doc[j] != d:
                continue
            if doc[i] in {doc[r] for r in groups.rows_of(j)}:
                continue
            if similarity(i, j) < GAP_SIMILARITY:
                continue
            short, long = sorted((lengths[i], lengths[j]))
            if long and short / long >= GAP_LENGTH_RATIO:
                groups.link(i, j, check_similarity=False)


def _group_score(rows: list[int], features: Features, similarity: _Similarities) -> float:
    doc = features.doc_of_row
    pairs = [
        similarity(a, b) for k, a in enumerate(rows) for b in rows[k + 1 :] if doc[a] != doc[b]
    ]
    return sum(pairs) / len(pairs) if pairs else 0.0


def align(documents: list[Document], matcher=None) -> list[tuple[tuple[Member, ...], float]]:
    """Groups of sentences (as members) that say the same thing, with their scores.

    Every sentence of every document is in exactly one group; a sentence no
    other article shares is a group of its own with score 0.  ``matcher``
    scores sentence pairs (default: ``LexicalMatcher``).
    """
    matcher = matcher or LexicalMatcher()
    n_docs = len(documents)
    canonical = sorted(range(n_docs), key=lambda d: (documents[d].sha256, d))
    ordered = [documents[d] for d in canonical]
    features = build_features(ordered)
    rows, cols, scores = _keep_best(features, *matcher.score_pairs(features, n_docs), n_docs)
    similarity = _Similarities(rows, cols, scores)
    groups = _Groups(features, similarity, matcher.thresholds.average_link)
    links = _select_links(features, matcher, rows, cols, scores, n_docs)
    # One-to-one links first; splits may then join what those left apart.
    # Among equal scores (repeated lines) the links closest to the diagonal go first.
    position = _relative_positions(features).tolist()
    for batch in (links, _split_links(features, matcher, similarity, links)):
        for link in sorted(
            batch, key=lambda k: (-k.score, abs(position[k.a] - position[k.b]), k.a, k.b)
        ):
            groups.link(link.a, link.b)
    _fill_gaps(features, groups, similarity)

    n_rows = features.matrix.shape[0]
    seen: set[int] = set()
    out = []
    for r in range(n_rows):
        root = groups.find(r)
        if root in seen:
            continue
        seen.add(root)
        rows_in_group = sorted(groups.members.get(root, [root]))
        members = tuple(
            sorted(
                Member(
                    canonical[int(features.doc_of_row[x])],
                    x - features.offsets[int(features.doc_of_row[x])],
                )
                for x in rows_in_group
            )
        )
        out.append((members, _group_score(rows_in_group, features, similarity)))
    out.sort(key=lambda item: item[0][0])
    return out
