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

from dataclasses import dataclass

import numpy as np

from sidebyside.engine.candidates import candidate_pairs
from sidebyside.engine.features import Features, build_features
from sidebyside.engine.linker import LinkModel, model_for, sigmoid
from sidebyside.engine.model import PARTIAL, REWORDED, VERBATIM, Document, Link, Member
from sidebyside.engine.normalize import word_keys
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


def score_local(documents: list[Document], matcher) -> ScoredPairs:
    """Features, candidates and local columns of documents already in canonical order."""
    features = build_features(documents)
    facts = SentenceFacts(features, *_story_flags(documents))
    emb = matcher.embeddings(features)
    rows, cols = candidate_pairs(features, len(documents), emb)
    x = local_columns(features, facts, rows, cols, emb)
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
        drift = np.abs(position[src] - position[dst])
        order = np.lexsort((dst, drift, -local_p, slot))
        s = slot[order]
        first = np.r_[True, s[1:] != s[:-1]]
        index = np.arange(len(s))
        rank = index - np.maximum.accumulate(np.where(first, index, 0))
        keep[order[rank < KEEP_PER_ARTICLE]] = True
    return keep


def subset(pairs: ScoredPairs, mask: np.ndarray) -> ScoredPairs:
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
        pairs.features, pairs.rows, pairs.cols, local_logit, pairs.local_x[:, LOCAL.index("lex")]
    )
    return pairs


def score_pairs(documents: list[Document], matcher, model: LinkModel) -> ScoredPairs:
    """Every candidate pair of documents in canonical order, with its link probability."""
    pairs = score_local(documents, matcher)
    local_logit = model.local.logit(pairs.local_x, LOCAL)
    keep = keep_best(pairs, sigmoid(local_logit))
    pairs = add_context(subset(pairs, keep), local_logit[keep])
    pairs.probability = sigmoid(model.context.logit(all_columns(pairs), ALL_COLUMNS))
    return pairs


def all_columns(pairs: ScoredPairs) -> np.ndarray:
    return np.hstack([pairs.local_x, pairs.context_x])


class _Rows:
    """Union of sentences into rows, refusing merges that break the rules above."""

    def __init__(self, doc_of_row: np.ndarray, partners: dict[int, set[int]]) -> None:
        self.doc = doc_of_row
        self.partners = partners
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}

    def find(self, r: int) -> int:
        root = r
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(r, r) != root:
            self.parent[r], r = root, self.parent[r]
        return root

    def rows_of(self, r: int) -> list[int]:
        root = self.find(r)
        return self.members.get(root, [root])

    def _allowed(self, merged: list[int]) -> bool:
        doc = self.doc
        by_doc: dict[int, list[int]] = {}
        for r in merged:
            by_doc.setdefault(int(doc[r]), []).append(r)
        runs = 0
        for rows in by_doc.values():
            if len(rows) > 1:
                rows.sort()
                if len(rows) > MAX_RUN or rows[-1] - rows[0] != len(rows) - 1:
                    return False
                runs += 1
        # A row shows one article's split against the others' single
        # sentences; two articles both contributing several is a tangle.
        if runs > 1:
            return False
        for r in merged:
            mine = self.partners.get(r, set())
            own = int(doc[r])
            for d, rows in by_doc.items():
                if d != own and mine.isdisjoint(rows):
                    return False
        return True

    def link(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        merged = self.members.get(ra, [ra]) + self.members.get(rb, [rb])
        if not self._allowed(merged):
            return
        root, other = (ra, rb) if ra < rb else (rb, ra)
        self.parent[other] = root
        self.members[root] = merged
        self.members.pop(other, None)


def _kind(features: Features, pairs: ScoredPairs, k: int, fan: dict[tuple[int, int], int]) -> str:
    i, j = int(pairs.rows[k]), int(pairs.cols[k])
    if word_keys(features.texts[i]) == word_keys(features.texts[j]):
        return VERBATIM
    doc = features.doc_of_row
    if fan.get((i, int(doc[j])), 0) > 1 or fan.get((j, int(doc[i])), 0) > 1:
        return PARTIAL
    cover_min = pairs.local_x[k][_COVER_MIN]
    length_ratio = pairs.local_x[k][_LENGTH_RATIO]
    return PARTIAL if cover_min < 0.5 and length_ratio < 0.5 else REWORDED


_COVER_MIN = LOCAL.index("cover_min")
_LENGTH_RATIO = LOCAL.index("length_ratio")


def canonical_order(documents: list[Document]) -> list[int]:
    """Documents by content hash: the result must not depend on the order files were given."""
    return sorted(range(len(documents)), key=lambda d: (documents[d].sha256, d))


def align(documents: list[Document], matcher=None) -> Alignment:
    """Rows of sentences (as members) that say the same thing, and every link.

    Every sentence of every document is in exactly one row; a sentence no
    other article shares is a row of its own with score 0.  ``matcher``
    brings the embeddings, if any, and names the fitted weights to use.
    """
    from sidebyside.engine.matcher import LexicalMatcher

    matcher = matcher or LexicalMatcher()
    model = model_for(matcher.name)
    canonical = canonical_order(documents)
    pairs = score_pairs([documents[d] for d in canonical], matcher, model)
    return build_alignment(pairs, model.threshold, canonical)


def build_alignment(pairs: ScoredPairs, threshold: float, canonical: list[int]) -> Alignment:
    """Links (pairs reaching ``threshold``) and the rows built from them.

    ``canonical[d]`` is the caller's index of the ``d``-th document scored.
    """
    features = pairs.features
    probability = pairs.probability
    chosen = np.flatnonzero(probability >= threshold)
    doc = features.doc_of_row
    offsets = features.offsets

    def member(r: int) -> Member:
        d = int(doc[r])
        return Member(canonical[d], r - offsets[d])

    partners: dict[int, set[int]] = {}
    fan: dict[tuple[int, int], int] = {}
    for k in chosen.tolist():
        i, j = int(pairs.rows[k]), int(pairs.cols[k])
        partners.setdefault(i, set()).add(j)
        partners.setdefault(j, set()).add(i)
        fan[(i, int(doc[j]))] = fan.get((i, int(doc[j])), 0) + 1
        fan[(j, int(doc[i]))] = fan.get((j, int(doc[i])), 0) + 1
    position = pairs.facts.position
    # Rows take the surest links first; among links the scorer is equally sure
    # of, the pair more alike on its own, then the one closer to the diagonal.
    sure = np.round(probability, 2)
    order = sorted(
        chosen.tolist(),
        key=lambda k: (
            -sure[k],
            -pairs.local_logit[k],
            abs(position[pairs.rows[k]] - position[pairs.cols[k]]),
            int(pairs.rows[k]),
            int(pairs.cols[k]),
        ),
    )
    rows = _Rows(doc, partners)
    links_by_pair: dict[tuple[int, int], Link] = {}
    for k in order:
        i, j = int(pairs.rows[k]), int(pairs.cols[k])
        rows.link(i, j)
        a, b = sorted((member(i), member(j)))
        kind = _kind(features, pairs, k, fan)
        links_by_pair[(i, j)] = Link(a, b, round(float(probability[k]), 4), kind)

    groups = []
    seen: set[int] = set()
    for r in range(features.n_rows):
        root = rows.find(r)
        if root in seen:
            continue
        seen.add(root)
        in_row = sorted(rows.rows_of(root))
        inside = tuple(
            sorted(
                links_by_pair[(x, y)]
                for n, x in enumerate(in_row)
                for y in in_row[n + 1 :]
                if (x, y) in links_by_pair
            )
        )
        members = tuple(sorted(member(x) for x in in_row))
        score = sum(link.score for link in inside) / len(inside) if inside else 0.0
        groups.append((members, score, inside))
    groups.sort(key=lambda g: g[0][0])
    return Alignment(groups, sorted(links_by_pair.values()))
