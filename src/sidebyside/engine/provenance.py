"""Where each article's material came from, at a glance.

For every ordered pair of articles (x, y): the share of x's story sentences
(page furniture left out) that y has verbatim or nearly so, that y has
reworded, and that y lacks.  For each article: a strip of where along its
length its shared material lies, and which other article it most likely
drew from.  Pure data from a finished ``Comparison``; the reports and the
app render it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sidebyside.engine.model import Comparison, Group, PairDiff

# Word similarity at or above which two versions count as verbatim or nearly so.
VERBATIM = 0.9
STRIP_BUCKETS = 24
# Below this share of its sentences found in the other article, no article is
# named as a source: sharing a quote or two is not drawing from it.
MIN_SOURCE_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class PairShare:
    """How much of article ``x``'s story article ``y`` has (shares of x's sentences)."""

    x: int
    y: int
    verbatim: float
    reworded: float
    absent: float
    closeness: float  # mean word similarity of x's sentences that y has (0 when none)


@dataclass(frozen=True, slots=True)
class ArticleOverview:
    doc: int
    sentences: int  # story sentences (furniture left out)
    shared: float  # share found in at least one other article
    strip: tuple[float | None, ...]  # shared share per stretch of the text; None: no story
    most_shared: int | None  # the article that has most of this one's sentences
    closest: int | None  # the article whose versions of them are closest in wording
    likely_source: int | None  # the article this one most likely drew from, if any


@dataclass(frozen=True, slots=True)
class Overview:
    pairs: dict[tuple[int, int], PairShare]
    articles: tuple[ArticleOverview, ...]
    central: int | None  # the article whose sentences the others' are closest to


@dataclass(slots=True)
class _Tally:
    story: np.ndarray  # story sentences per article
    shared_any: np.ndarray  # of them, in a row with another article
    verbatim: np.ndarray  # [x, y]: x's sentences y has verbatim or nearly
    reworded: np.ndarray  # [x, y]: x's sentences y has in other words
    closeness: np.ndarray  # [x, y]: the sum of their word similarities
    strip_shared: np.ndarray  # [x, stretch]: shared characters of story text
    strip_total: np.ndarray  # [x, stretch]: characters of story text


def _tally(
    comparison: Comparison, buckets: int, diff_of: Callable[[Group], tuple[PairDiff, ...]] | None
) -> _Tally:
    """Counts per article and per pair of articles, for every story sentence of every row
    and every other article in its row, in arrays: a large comparison has a few hundred
    thousand of those, one Python step each took a tenth of a second.  Sums of
    similarities are taken in row, member and article order, as a loop would."""
    documents = comparison.documents
    n = len(documents)
    member_group, member_doc, member_sentence, sim_keys, sim_values = [], [], [], [], []
    for g, group in enumerate(comparison.groups):
        members = group.members
        member_group.extend([g] * len(members))
        member_doc.extend([m.doc for m in members])
        member_sentence.extend([m.sentence for m in members])
        diffs = group.diffs
        if not diffs and diff_of is not None and group.is_shared:
            diffs = diff_of(group)
        for pd in diffs:
            sim_keys += ((g * n + pd.a) * n + pd.b, (g * n + pd.b) * n + pd.a)
            sim_values += (pd.similarity, pd.similarity)
    group_of = np.asarray(member_group, dtype=np.int64)
    x = np.asarray(member_doc, dtype=np.int64)
    sentence = np.asarray(member_sentence, dtype=np.int64)
    # Sentence offsets and lengths of every article, and which are page furniture.
    firsts = np.cumsum([0] + [len(d.sentences) for d in documents])
    starts = np.fromiter((t.start for d in documents for t in d.sentences), np.int64, firsts[-1])
    ends = np.fromiter((t.end for d in documents for t in d.sentences), np.int64, firsts[-1])
    furniture = np.zeros(firsts[-1], dtype=bool)
    for d, doc in enumerate(documents):
        furniture[[firsts[d] + k for k in doc.furniture if 0 <= k < len(doc.sentences)]] = True
    # Which articles each row holds (furniture members count: a row's articles are all of
    # its members' articles).
    present = np.zeros((len(comparison.groups), n), dtype=bool)
    present[group_of, x] = True
    row = firsts[x] + sentence
    story_member = ~furniture[row]
    group_of, x, row = group_of[story_member], x[story_member], row[story_member]
    shared = present[group_of].sum(axis=1) > 1
    if comparison.linked_members:  # matched from a row of its own too, as matched_share has it
        linked = [firsts[m.doc] + m.sentence for m in comparison.linked_members]
        shared |= np.isin(row, np.asarray(linked, dtype=np.int64))
    lengths = np.maximum(np.fromiter((len(d.text) for d in documents), np.int64, n), 1)
    middle = (starts[row] + ends[row]) / 2
    bucket = np.minimum((middle / lengths[x] * buckets).astype(np.int64), buckets - 1)
    weight = np.maximum(ends[row] - starts[row], 1).astype(np.float64)
    strip_total = np.zeros((n, buckets))
    strip_shared = np.zeros((n, buckets))
    np.add.at(strip_total, (x, bucket), weight)
    np.add.at(strip_shared, (x[shared], bucket[shared]), weight[shared])
    # Every (story sentence, other article of its row), member by member, article by
    # article, as the rows list them.
    member, y = np.nonzero(present[group_of] & (np.arange(n) != x[:, None]))
    gx, xs = group_of[member], x[member]
    similarity = np.zeros(len(member))
    if sim_keys:
        keys = np.asarray(sim_keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], np.asarray(sim_values)[order]
        wanted = (gx * n + xs) * n + y
        # Of a pair diffed twice in a row, the last diff counts.
        at = np.maximum(np.searchsorted(keys, wanted, side="right") - 1, 0)
        hit = keys[at] == wanted
        similarity[hit] = values[at[hit]]
    closeness = np.zeros((n, n))
    np.add.at(closeness, (xs, y), similarity)
    close = similarity >= VERBATIM
    verbatim = np.zeros((n, n), dtype=np.int64)
    reworded = np.zeros((n, n), dtype=np.int64)
    np.add.at(verbatim, (xs[close], y[close]), 1)
    np.add.at(reworded, (xs[~close], y[~close]), 1)
    return _Tally(
        story=np.bincount(x, minlength=n),
        shared_any=np.bincount(x[shared], minlength=n),
        verbatim=verbatim,
        reworded=reworded,
        closeness=closeness,
        strip_shared=strip_shared,
        strip_total=strip_total,
    )


def overview(
    comparison: Comparison,
    buckets: int = STRIP_BUCKETS,
    diff_of: Callable[[Group], tuple[PairDiff, ...]] | None = None,
) -> Overview:
    """The overview of a comparison.

    Similarities come from ``Group.diffs``; where those were left out (the app
    diffs lazily), ``diff_of(group)`` supplies them, and without it a shared
    sentence counts as reworded.
    """
    documents = comparison.documents
    n = len(documents)
    tally = _tally(comparison, buckets, diff_of)
    story, shared_any = tally.story.tolist(), tally.shared_any.tolist()
    verbatim, reworded = tally.verbatim.tolist(), tally.reworded.tolist()
    closeness = tally.closeness.tolist()
    strip_shared, strip_total = tally.strip_shared.tolist(), tally.strip_total.tolist()
    pairs = {}
    for x in range(n):
        for y in range(n):
            if x == y:
                continue
            total = story[x]
            have = verbatim[x][y] + reworded[x][y]
            pairs[(x, y)] = PairShare(
                x,
                y,
                verbatim[x][y] / total if total else 0.0,
                reworded[x][y] / total if total else 0.0,
                (total - have) / total if total else 0.0,
                closeness[x][y] / have if have else 0.0,
            )
    central = _central(pairs, n)
    articles = []
    for x in range(n):
        others = [pairs[(x, y)] for y in range(n) if y != x]
        found = [p for p in others if p.verbatim + p.reworded > 0]
        most = max(found, key=lambda p: (p.verbatim + p.reworded, p.closeness), default=None)
        close = max(found, key=lambda p: (p.closeness, p.verbatim + p.reworded), default=None)
        strip = tuple(
            strip_shared[x][k] / strip_total[x][k] if strip_total[x][k] else None
            for k in range(buckets)
        )
        articles.append(
            ArticleOverview(
                doc=x,
                sentences=story[x],
                shared=shared_any[x] / story[x] if story[x] else 0.0,
                strip=strip,
                most_shared=most.y if most else None,
                closest=close.y if close else None,
                likely_source=_source(x, found, pairs, central),
            )
        )
    return Overview(pairs=pairs, articles=tuple(articles), central=central)


def _weight(p: PairShare) -> float:
    """How much of x's story y accounts for, counting near-verbatim sentences fully
    and reworded ones by how close their wording is."""
    return p.verbatim + p.reworded * p.closeness


def _source(x: int, found: list[PairShare], pairs: dict, central: int | None) -> int | None:
    """The article x most likely drew from: the one that accounts for most of x's
    story (ties to the central article), unless x accounts for more of that one's
    story than it does of x's, which makes x the likelier source of the two."""
    if not found:
        return None
    best = max(found, key=lambda p: (_weight(p), p.y == central, -p.y))
    if best.verbatim + best.reworded < MIN_SOURCE_SHARE:
        return None
    back = pairs[(best.y, x)]
    if _weight(back) > _weight(best):
        return None
    return best.y


def _central(pairs: dict[tuple[int, int], PairShare], n: int) -> int | None:
    """The article whose sentences the others' are closest to: the highest mean,
    over the other articles, of the share of their story it accounts for."""
    if n < 2:
        return None
    scores = [sum(_weight(pairs[(x, y)]) for x in range(n) if x != y) / (n - 1) for y in range(n)]
    best = max(range(n), key=lambda y: (scores[y], -y))
    return best if scores[best] > 0 else None


_BLOCKS = "▁▂▃▄▅▆▇█"


def strip_chars(strip: tuple[float | None, ...]) -> str:
    """A strip as characters: a taller block where more of that stretch is shared,
    "·" where none of it is, a space where the stretch holds no story text."""
    out = []
    for share in strip:
        if share is None:
            out.append(" ")
        elif share <= 0:
            out.append("·")
        else:
            out.append(_BLOCKS[max(math.ceil(share * len(_BLOCKS)) - 1, 0)])
    return "".join(out)


def to_data(ov: Overview) -> dict:
    """The overview as JSON-ready data (shares rounded to 4 places)."""
    return {
        "verbatim_similarity": VERBATIM,
        "central": ov.central,
        "pairs": [
            {
                "x": p.x,
                "y": p.y,
                "verbatim": round(p.verbatim, 4),
                "reworded": round(p.reworded, 4),
                "absent": round(p.absent, 4),
                "closeness": round(p.closeness, 4),
            }
            for p in ov.pairs.values()
        ],
        "articles": [
            {
                "doc": a.doc,
                "sentences": a.sentences,
                "shared": round(a.shared, 4),
                "strip": [None if s is None else round(s, 4) for s in a.strip],
                "most_shared": a.most_shared,
                "closest": a.closest,
                "likely_source": a.likely_source,
            }
            for a in ov.articles
        ],
    }
