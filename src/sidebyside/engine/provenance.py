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


def _similarities(
    group: Group, diff_of: Callable[[Group], tuple[PairDiff, ...]] | None
) -> dict[tuple[int, int], float]:
    diffs = group.diffs
    if not diffs and diff_of is not None and group.is_shared:
        diffs = diff_of(group)
    out = {}
    for pd in diffs:
        out[(pd.a, pd.b)] = out[(pd.b, pd.a)] = pd.similarity
    return out


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
    verbatim = [[0] * n for _ in range(n)]
    reworded = [[0] * n for _ in range(n)]
    closeness = [[0.0] * n for _ in range(n)]
    story = [0] * n
    shared_any = [0] * n
    # Strip: shared and total characters of story text per stretch of each article.
    strip_shared = [[0.0] * buckets for _ in range(n)]
    strip_total = [[0.0] * buckets for _ in range(n)]
    for group in comparison.groups:
        docs = group.docs
        sims = _similarities(group, diff_of) if len(docs) > 1 else {}
        for m in group.members:
            x = m.doc
            document = documents[x]
            if m.sentence in document.furniture:
                continue
            story[x] += 1
            sentence = document.sentences[m.sentence]
            length = max(len(document.text), 1)
            middle = (sentence.start + sentence.end) / 2
            bucket = min(int(middle / length * buckets), buckets - 1)
            weight = max(sentence.end - sentence.start, 1)
            strip_total[x][bucket] += weight
            if len(docs) > 1:
                shared_any[x] += 1
                strip_shared[x][bucket] += weight
            for y in docs:
                if y == x:
                    continue
                similarity = sims.get((x, y), 0.0)
                closeness[x][y] += similarity
                if similarity >= VERBATIM:
                    verbatim[x][y] += 1
                else:
                    reworded[x][y] += 1
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
