"""Sentence alignment across any number of articles: links first, rows from links.

1. Every sentence becomes a weighted word vector (``features``) and, when the
   matcher has one, an embedding; ``candidates`` picks the pairs worth scoring.
2. Each candidate pair gets a *local* probability from what the two sentences
   share, then a *context* probability that adds what the local scores of
   other pairs say: best partner and margin, matched neighbours, an adjacent
   second partner (a split), a third article linking both.  Both are logistic
   regressions fitted to annotated article pairs (``linker``); a pair whose
   context probability reaches the fitted threshold is a *link*.  A sentence
   may link to several sentences of another article, adjacent or not.
3. Rows (groups) are the reading structure built from the links, strongest
   first: a row takes a sentence only if it is linked directly to a member of
   every other article in the row, so no row presents two sentences as
   counterparts through a third.  One article may contribute a short run of
   adjacent sentences (it split what another said in one).  Links that no row
   can hold stay links: the sentence "also matches" elsewhere.

The articles are processed in an order fixed by their content, so the result
does not depend on the order the files were given in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from sidebyside.engine.arrays import distinct_counts
from sidebyside.engine.background import Background
from sidebyside.engine.candidates import candidate_pairs
from sidebyside.engine.features import Features, build_features
from sidebyside.engine.linker import LinkModel, model_for, sigmoid
from sidebyside.engine.model import PARTIAL, REWORDED, VERBATIM, Document, Link, Member
from sidebyside.engine.pair_features import (
    CONTEXT,
    LOCAL,
    SentenceFacts,
    context_columns,
    local_columns,
)

# Columns the context model may read: the local ones and the context ones.
ALL_COLUMNS = LOCAL + CONTEXT

# Most sentences one article may contribute to a row (a split).
MAX_RUN = 3
# Partners kept per sentence and other article after local scoring: only the
# best few can ever be linked or compete, and keeping every partner of a line
# repeated hundreds of times would cost the square of its count.
KEEP_PER_ARTICLE = 8

# Told pairs of sentences likely to be linked: each end's article and sentence, as arrays.
LikelyLinks = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], None]


@dataclass
class ScoredPairs:
    """Candidate pairs (rows of ``features``, ``rows < cols``) and their scores."""

    features: Features
    facts: SentenceFacts
    rows: np.ndarray
    cols: np.ndarray
    local_x: np.ndarray
    local_logit: np.ndarray | None = None
    context_x: np.ndarray | None = None
    probability: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class Alignment:
    """Rows as (members, score, links inside the row), and every link."""

    groups: list[tuple[tuple[Member, ...], float, tuple[Link, ...]]]
    links: list[Link]


def _story_flags(documents: list[Document]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: furniture, headline (a first story line of its own, no full stop), lede."""
    furniture: list[bool] = []
    headline: list[bool] = []
    lede: list[bool] = []
    for doc in documents:
        flags = [s.index in doc.furniture for s in doc.sentences]
        heads = [False] * len(flags)
        ledes = [False] * len(flags)
        story = [s for s in doc.sentences if not flags[s.index]]
        if story:
            first = story[0]
            alone = sum(1 for s in doc.sentences if s.paragraph == first.paragraph) == 1
            text = first.text.rstrip("\"'”’)»] ")
            if alone and not text.endswith((".", "!")) and len(story) > 1:
                heads[first.index] = True
                ledes[story[1].index] = True
            else:
                ledes[first.index] = True
        furniture += flags
        headline += heads
        lede += ledes
    return (
        np.asarray(furniture, dtype=bool),
        np.asarray(headline, dtype=bool),
        np.asarray(lede, dtype=bool),
    )


def score_local(documents: list[Document], matcher, emb_knot: float = 1.0) -> ScoredPairs:
    """Features, candidates and local columns of documents already in canonical order."""
    features = build_features(documents)
    # The embeddings are worked out in a second thread while this one reads the story's
    # shape and finds the pairs that share words (the nearest neighbours wait for them).
    embedding = Background(matcher.embeddings, features)
    facts = SentenceFacts(features, *_story_flags(documents))
    # Page furniture is never linked, not even to a copy of itself: "Comments" beside
    # "Comments" tells a reader nothing, and as a rival it would only crowd out the
    # story's own pairs.
    rows, cols = candidate_pairs(features, len(documents), embedding.result, facts.furniture)
    emb = embedding.result()
    x = local_columns(features, facts, rows, cols, emb, emb_knot)
    return ScoredPairs(features, facts, rows, cols, x)


def keep_best(pairs: ScoredPairs, local_p: np.ndarray) -> np.ndarray:
    """Which pairs are among the ``KEEP_PER_ARTICLE`` best of either sentence in the other's
    article."""
    rows, cols = pairs.rows, pairs.cols
    if not len(rows):
        return np.zeros(0, dtype=bool)
    doc = pairs.features.doc_of_row.astype(np.int64)
    n_docs = len(pairs.features.offsets)
    position = pairs.facts.position
    keep = np.zeros(len(rows), dtype=bool)
    for src, dst in ((rows, cols), (cols, rows)):
        slot = src * n_docs + doc[dst]
        # A sentence with few candidates in that article keeps them all; only the
        # crowded ones (a line repeated many times) need ranking.
        crowded = np.bincount(slot)[slot] > KEEP_PER_ARTICLE
        keep |= ~crowded
        which = np.flatnonzero(crowded)
        if not len(which):
            continue
        s, d = slot[which], dst[which]
        drift = np.abs(position[src[which]] - position[d])
        order = np.lexsort((d, drift, -local_p[which], s))
        s = s[order]
        first = np.r_[True, s[1:] != s[:-1]]
        index = np.arange(len(s))
        rank = index - np.maximum.accumulate(np.where(first, index, 0))
        keep[which[order[rank < KEEP_PER_ARTICLE]]] = True
    return keep


def subset(pairs: ScoredPairs, mask: np.ndarray) -> ScoredPairs:
    if mask.all():
        return pairs  # nothing to drop: copying a few hundred megabytes would buy nothing
    return ScoredPairs(
        pairs.features,
        pairs.facts,
        pairs.rows[mask],
        pairs.cols[mask],
        pairs.local_x[mask],
    )


def add_context(pairs: ScoredPairs, local_logit: np.ndarray) -> ScoredPairs:
    pairs.local_logit = local_logit
    pairs.context_x = context_columns(
        pairs.features,
        pairs.rows,
        pairs.cols,
        local_logit,
        pairs.local_x[:, LOCAL.index("lex")],
        pairs.local_x[:, LOCAL.index("emb")],
    )
    return pairs


def score_pairs(
    documents: list[Document],
    matcher,
    model: LinkModel,
    on_likely: Callable[[Features, np.ndarray, np.ndarray], None] | None = None,
) -> ScoredPairs:
    """Every candidate pair of documents in canonical order, with its link probability.

    ``on_likely(features, rows, cols)`` is told the pairs the local scores alone would
    link, before the context is read (most of the time left)."""
    pairs = score_local(documents, matcher, model.emb_knot)
    local_logit = model.local.logit(pairs.local_x, LOCAL)
    local_p = sigmoid(local_logit)
    keep = keep_best(pairs, local_p)
    if on_likely is not None:
        likely = keep & (local_p >= model.threshold)
        on_likely(pairs.features, pairs.rows[likely], pairs.cols[likely])
    pairs = add_context(subset(pairs, keep), local_logit[keep])
    pairs.probability = sigmoid(model.context.logit(pairs.local_x, LOCAL, pairs.context_x, CONTEXT))
    return pairs


def all_columns(pairs: ScoredPairs) -> np.ndarray:
    return np.hstack([pairs.local_x, pairs.context_x])


class _Rows:
    """Union of sentences into rows, refusing merges that break the rules above."""

    def __init__(self, doc_of_row: list[int], partners: dict[int, set[int]]) -> None:
        self.doc = doc_of_row
        self.partners = partners
        self.parent = list(range(len(doc_of_row)))
        # Per root of more than one row: its rows by document.
        self.by_doc: dict[int, dict[int, list[int]]] = {}

    def find(self, r: int) -> int:
        parent = self.parent
        root = r
        while parent[root] != root:
            root = parent[root]
        while parent[r] != root:
            parent[r], r = root, parent[r]
        return root

    def rows_of(self, r: int) -> list[int]:
        root = self.find(r)
        if root not in self.by_doc:
            return [root]
        return [x for rows in self.by_doc[root].values() for x in rows]

    def _docs(self, root: int) -> dict[int, list[int]]:
        return self.by_doc.get(root) or {self.doc[root]: [root]}

    def _covered(self, left: dict[int, list[int]], right: dict[int, list[int]]) -> bool:
        """Whether every member of ``left`` links to some member of each article only
        ``right`` has (the articles both have are covered already)."""
        for d, theirs in right.items():
            if d in left:
                continue
            for rows in left.values():
                for r in rows:
                    if self.partners.get(r, _NONE).isdisjoint(theirs):
                        return False
        return True

    def link(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        left, right = self._docs(ra), self._docs(rb)
        merged: dict[int, list[int]] = {d: list(rows) for d, rows in left.items()}
        for d, rows in right.items():
            if d in merged:
                both = sorted(merged[d] + rows)
                # One article may add a short run of adjacent sentences (a split) ...
                if len(both) > MAX_RUN or both[-1] - both[0] != len(both) - 1:
                    return
                merged[d] = both
            else:
                merged[d] = list(rows)
        # ... but two articles both contributing several is a tangle.
        if sum(1 for rows in merged.values() if len(rows) > 1) > 1:
            return
        if not (self._covered(left, right) and self._covered(right, left)):
            return
        root, other = (ra, rb) if ra < rb else (rb, ra)
        self.parent[other] = root
        self.by_doc[root] = merged
        self.by_doc.pop(other, None)


_NONE: frozenset[int] = frozenset()


_COVER_MIN = LOCAL.index("cover_min")
_LENGTH_RATIO = LOCAL.index("length_ratio")
_KINDS = (VERBATIM, PARTIAL, REWORDED)


def _kinds(pairs: ScoredPairs, chosen: np.ndarray) -> np.ndarray:
    """What each chosen link says, as an index into ``_KINDS``: the same words, part of a
    sentence, or the same in other words.  A sentence linked to several of one article's
    is a partial link."""
    rows, cols = pairs.rows[chosen], pairs.cols[chosen]
    doc = pairs.features.doc_of_row.astype(np.int64)
    n_docs = len(pairs.features.offsets)
    out_i, out_j = rows * n_docs + doc[cols], cols * n_docs + doc[rows]
    # Slots (a sentence and another article) number n_docs per sentence: counted directly.
    counts = np.bincount(np.concatenate([out_i, out_j]), minlength=pairs.features.n_rows * n_docs)
    several = (counts[out_i] > 1) | (counts[out_j] > 1)
    x = pairs.local_x
    lopsided = (x[chosen, _COVER_MIN] < 0.5) & (x[chosen, _LENGTH_RATIO] < 0.5)
    verbatim = pairs.facts.words_code[rows] == pairs.facts.words_code[cols]
    return np.where(verbatim, 0, np.where(several | lopsided, 1, 2))


def _caller_numbering(features: Features, canonical: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's article and sentence in the caller's numbering."""
    doc = features.doc_of_row.astype(np.int64)
    if not len(doc):
        return doc, doc
    offsets = np.asarray(features.offsets, dtype=np.int64)
    return np.asarray(canonical, dtype=np.int64)[doc], np.arange(len(doc)) - offsets[doc]


def canonical_order(documents: list[Document]) -> list[int]:
    """Documents by content hash: the result must not depend on the order files were given."""
    return sorted(range(len(documents)), key=lambda d: (documents[d].sha256, d))


def align(
    documents: list[Document], matcher=None, on_likely: LikelyLinks | None = None
) -> Alignment:
    """Rows of sentences (as members) that say the same thing, and every link.

    Every sentence of every document is in exactly one row; a sentence no
    other article shares is a row of its own with score 0.  ``matcher``
    brings the embeddings, if any, and names the fitted weights to use.
    ``on_likely`` is told the pairs the local scores alone would link (all but a
    few of the links) as soon as they are known, a good while before the rows.
    """
    from sidebyside.engine.matcher import default_matcher

    matcher = matcher or default_matcher()
    model = model_for(matcher.name)
    canonical = canonical_order(documents)
    local = None
    if on_likely is not None:

        def local(features: Features, rows: np.ndarray, cols: np.ndarray) -> None:
            to_doc, to_sentence = _caller_numbering(features, canonical)
            on_likely(to_doc[rows], to_sentence[rows], to_doc[cols], to_sentence[cols])

    pairs = score_pairs([documents[d] for d in canonical], matcher, model, local)
    return build_alignment(pairs, model.threshold, canonical, model.floor)


def _components(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Per row, the smallest row of its connected component under the links given."""
    labels = np.arange(n)
    if not len(rows):
        return labels
    while True:
        before = labels.copy()
        np.minimum.at(labels, rows, labels[cols])
        np.minimum.at(labels, cols, labels[rows])
        while True:  # every label points at a smaller row: jump to the smallest
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels, before):
            return labels


def _settled(doc: np.ndarray, labels: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row, whether its component is a row as it stands: one sentence per article,
    each linked to every other.  Every merge on the way to it is allowed, so the
    strongest-first union would build exactly this row; the rest go through it."""
    n = len(labels)
    n_docs = int(doc.max()) + 1 if n else 1
    size = np.bincount(labels, minlength=n)
    edges = np.bincount(labels[rows], minlength=n)
    crowded = np.zeros(n, dtype=bool)
    codes, counts = distinct_counts(labels * n_docs + doc)
    crowded[(codes // n_docs)[counts > 1]] = True
    clique = edges == size * (size - 1) // 2
    return (clique & ~crowded)[labels]


def build_alignment(
    pairs: ScoredPairs, threshold: float, canonical: list[int], floor: float = 0.0
) -> Alignment:
    """Links (pairs reaching ``threshold``, and ``floor`` on their own) and the rows built
    from them.

    ``canonical[d]`` is the caller's index of the ``d``-th document scored.
    """
    features = pairs.features
    probability = pairs.probability
    linked = probability >= threshold
    if floor > 0:
        linked &= pairs.local_logit >= np.log(floor / (1.0 - floor))
    chosen = np.flatnonzero(linked)
    doc = features.doc_of_row.astype(np.int64)
    n = features.n_rows
    # Rows take sentences with the same words first (a copy is a copy wherever it
    # sits), then headline with headline and lede with lede (each also sums up facts
    # that other sentences give, and its row is its peers'), then the surest links;
    # among links the scorer is equally sure of, the pair more alike on its own, then
    # the one closer to the diagonal.
    facts = pairs.facts
    position = facts.position
    rows_k, cols_k = pairs.rows[chosen], pairs.cols[chosen]
    same = facts.words_code[rows_k] == facts.words_code[cols_k]
    peers = (facts.headline[rows_k] & facts.headline[cols_k]) | (
        facts.lede[rows_k] & facts.lede[cols_k]
    )
    order = np.lexsort(
        (
            cols_k,
            rows_k,
            np.abs(position[rows_k] - position[cols_k]),
            -pairs.local_logit[chosen],
            -np.round(probability[chosen], 2),
            ~peers,
            ~same,
        )
    )
    chosen, rows_k, cols_k = chosen[order], rows_k[order], cols_k[order]

    # Components that are rows as they stand need no union, link by link.
    labels = _components(n, rows_k, cols_k)
    settled = _settled(doc, labels, rows_k)
    tangled = ~settled[rows_k]
    i_list, j_list = rows_k[tangled].tolist(), cols_k[tangled].tolist()
    partners: dict[int, set[int]] = {}
    for i, j in zip(i_list, j_list):
        partners.setdefault(i, set()).add(j)
        partners.setdefault(j, set()).add(i)
    grouping = _Rows(doc.tolist(), partners)
    for i, j in zip(i_list, j_list):
        grouping.link(i, j)
    root = labels.copy()
    for r in np.flatnonzero(~settled).tolist():
        root[r] = grouping.find(r)

    # Members in the caller's document numbering.
    to_doc, to_sentence = _caller_numbering(features, canonical)
    members = [Member(d, s) for d, s in zip(to_doc.tolist(), to_sentence.tolist())]
    # Each link goes from the member that comes first in the caller's numbering, and
    # links come in that order (a's article and sentence, then b's).
    flip = to_doc[rows_k] > to_doc[cols_k]
    first, second = np.where(flip, cols_k, rows_k), np.where(flip, rows_k, cols_k)
    listed = np.lexsort((to_sentence[second], to_doc[second], to_sentence[first], to_doc[first]))
    scores = np.round(probability[chosen], 4)[listed].tolist()
    kinds = [_KINDS[k] for k in _kinds(pairs, chosen)[listed].tolist()]
    links = []
    inside: dict[int, list[Link]] = {}
    row_of = root.tolist()
    for i, j, score, kind in zip(first[listed].tolist(), second[listed].tolist(), scores, kinds):
        link = Link(members[i], members[j], score, kind)
        links.append(link)
        if row_of[i] == row_of[j]:
            inside.setdefault(row_of[i], []).append(link)

    groups = []
    # Rows in the caller's order of members (article, then sentence), compared as
    # numbers: a row's members and the rows themselves.
    place = (to_doc * max(n, 1) + to_sentence).tolist()
    by_row = np.argsort(root, kind="stable")
    starts = np.flatnonzero(np.r_[True, root[by_row][1:] != root[by_row][:-1]]) if n else by_row
    for lo, hi in pairwise([*starts.tolist(), n]):
        in_row = sorted(by_row[lo:hi].tolist(), key=place.__getitem__)
        row_links = inside.get(row_of[in_row[0]], [])
        row_members = tuple([members[x] for x in in_row])
        score = sum([k.score for k in row_links]) / len(row_links) if row_links else 0.0
        groups.append((place[in_row[0]], row_members, score, tuple(row_links)))
    groups.sort(key=lambda g: g[0])
    return Alignment([g[1:] for g in groups], links)
