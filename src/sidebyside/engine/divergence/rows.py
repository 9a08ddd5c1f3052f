"""Labels of a row: which sentences to compare, and one label per change.

Labels are only ever computed between sentences linked to each other
directly: for each pair of the row's articles, the sentences of the two that
the row's links join are compared, one connected set of links at a time
(a split sentence is compared with both halves of what it was split into).
A row built by hand without links counts as linked throughout.

The same change recurs between many pairs of a row of N articles ("two"
in three versions, "three" in the fourth): it is listed once, naming the
articles on each side.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from sidebyside.engine.divergence import attribution, hedge, name, number, quote, time
from sidebyside.engine.divergence.labels import FLIPPED, KINDS, Divergence
from sidebyside.engine.divergence.side import Finding, Side
from sidebyside.engine.model import Document, Group
from sidebyside.engine.normalize import TOKEN, fold

# Every kind, in the order labels of one place are listed.
RULES = (number, name, quote, attribution, time, hedge)
_ORDER = {k: n for n, k in enumerate(KINDS)}

# Findings of a pair of sentence texts, kept with offsets relative to each sentence:
# versions repeat sentences word for word, and the same pair recurs across rows.
_CACHE: dict[tuple[tuple[str, ...], tuple[str, ...]], list] = {}
_CACHE_MAX = 20_000


def _root(parent: dict[int, int], m: int) -> int:
    while parent.setdefault(m, m) != m:
        parent[m] = parent[parent[m]]
        m = parent[m]
    return m


def components(group: Group) -> dict[tuple[int, int], list[tuple[list[int], list[int]]]]:
    """For each pair of the row's articles (``a < b``), the sentences of ``a`` and of ``b``
    joined by the row's direct links, one connected set at a time."""
    docs = group.docs
    if not group.links:
        return {
            (x, y): [(group.sentences_of(x), group.sentences_of(y))]
            for n, x in enumerate(docs)
            for y in docs[n + 1 :]
        }
    by_pair: dict[tuple[int, int], list] = {}
    for link in group.links:
        da, db = link.a.doc, link.b.doc
        if da == db:
            continue
        by_pair.setdefault((min(da, db), max(da, db)), []).append(link)
    out = {}
    for (x, y), links in by_pair.items():
        if len(links) == 1:
            link = links[0]
            first, second = (link.a, link.b) if link.a.doc == x else (link.b, link.a)
            out[(x, y)] = [([first.sentence], [second.sentence])]
            continue
        # Sentences as ints: article x's are >= 0, article y's < 0.
        parent: dict[int, int] = {}
        for link in links:
            p = link.a.sentence if link.a.doc == x else -1 - link.a.sentence
            q = link.b.sentence if link.b.doc == x else -1 - link.b.sentence
            rp, rq = _root(parent, p), _root(parent, q)
            if rp != rq:
                parent[rp] = rq
        sets: dict[int, tuple[list[int], list[int]]] = {}
        for m in sorted(parent, key=abs):
            side = sets.setdefault(_root(parent, m), ([], []))
            if m >= 0:
                side[0].append(m)
            else:
                side[1].append(-1 - m)
        out[(x, y)] = [s for s in sets.values() if s[0] and s[1]]
    return out


@lru_cache(maxsize=50_000)
def _written(text: str) -> list[str]:
    return TOKEN.findall(text)


def _kinds_touched(ta: tuple[str, ...], tb: tuple[str, ...], da: Document, db: Document) -> list:
    """The kinds a difference between these texts can touch: the written tokens only one
    side has are checked against each kind's words, before any sentence is read."""
    la = [_written(t) for t in ta]
    lb = [_written(t) for t in tb]
    wa = Counter(w for words in la for w in words)
    wb = Counter(w for words in lb for w in words)
    changed = frozenset((wa - wb) + (wb - wa))
    tokens = la + lb
    out = [rules for rules in RULES if rules is not name and rules.touches(changed, tokens)]
    # A capital that opens a sentence is a name only where the article says so elsewhere.
    openers = {words[0] for words in la if words} | {words[0] for words in lb if words}
    capitals = {w for w in changed if w[:1].isupper()}
    if capitals - openers or any(
        name.known(w, da) or name.known(w, db) for w in capitals & openers
    ):
        out.insert(1, name)
    return out


def _findings(sa: Side, sb: Side, kinds=RULES) -> list[tuple[str, Finding]]:
    out = []
    for rules in kinds:
        out.extend((rules.KIND, f) for f in rules.compare(sa, sb))
    return out


def _relative(side: Side, placed) -> tuple | None:
    """``placed`` as (sentence of the side, offsets in it), or None when outside the side."""
    if placed is None:
        return ()
    for n, span in enumerate(side.spans):
        if span.start <= placed.start <= placed.end <= span.end:
            return (n, placed.start - span.start, placed.end - span.start)
    return None


def _compare_texts(sa: Side, sb: Side, kinds) -> list[tuple[str, str, tuple, tuple]] | None:
    """Findings as (kind, change, where on a, where on b) relative to the sentences, or None
    when one points outside them (a spelling found elsewhere in the article)."""
    out = []
    for kind, f in _findings(sa, sb, kinds):
        x, y = _relative(sa, f.x), _relative(sb, f.y)
        if x is None or y is None:
            return None
        out.append((kind, f.change, x, y))
    return out


def _labels_of(
    documents: list[Document], a: int, b: int, sa_idx: list[int], sb_idx: list[int]
) -> list[Divergence]:
    da, db = documents[a], documents[b]
    ta = tuple(da.sentences[s].text for s in sorted(sa_idx))
    tb = tuple(db.sentences[s].text for s in sorted(sb_idx))
    if ta == tb:
        return []
    key = (ta, tb)
    rel = _CACHE.get(key)
    sa = sb = None
    kinds = RULES
    if rel is None:
        kinds = _kinds_touched(ta, tb, da, db)
        if not kinds:
            rel = []
        else:
            sa, sb = Side(da, sa_idx), Side(db, sb_idx)
            rel = _compare_texts(sa, sb, kinds)
        if rel is not None:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            _CACHE[key] = rel
    if rel is not None:
        spans_a = [da.sentences[s] for s in sorted(sa_idx)]
        spans_b = [db.sentences[s] for s in sorted(sb_idx)]
        out = []
        for kind, change, x, y in rel:
            a_start, a_end = (
                (spans_a[x[0]].start + x[1], spans_a[x[0]].start + x[2])
                if x
                else (spans_a[0].start,) * 2
            )
            b_start, b_end = (
                (spans_b[y[0]].start + y[1], spans_b[y[0]].start + y[2])
                if y
                else (spans_b[0].start,) * 2
            )
            out.append(_divergence(kind, change, a, b, da, db, a_start, a_end, b_start, b_end))
        return out
    out = []
    for kind, f in _findings(sa, sb, kinds):
        a_start, a_end = (f.x.start, f.x.end) if f.x else (sa.origin, sa.origin)
        b_start, b_end = (f.y.start, f.y.end) if f.y else (sb.origin, sb.origin)
        out.append(_divergence(kind, f.change, a, b, da, db, a_start, a_end, b_start, b_end))
    return out


def _divergence(kind, change, a, b, da, db, a_start, a_end, b_start, b_end) -> Divergence:
    return Divergence(
        kind,
        change,
        a,
        b,
        da.text[a_start:a_end],
        db.text[b_start:b_end],
        a_start,
        a_end,
        b_start,
        b_end,
    )


def classify_pair(
    documents: list[Document], group: Group, a: int, b: int, _components=None
) -> tuple[Divergence, ...]:
    """Labelled differences of ``b``'s version of ``group`` against ``a``'s."""
    comps = (_components if _components is not None else components(group)).get(
        (min(a, b), max(a, b)), []
    )
    out: list[Divergence] = []
    for first, second in comps:
        sa_idx, sb_idx = (first, second) if a < b else (second, first)
        out.extend(_labels_of(documents, a, b, sa_idx, sb_idx))
    return tuple(sorted(out, key=_place))


def _place(d: Divergence) -> tuple:
    return (d.a_start if d.a_text else d.b_start, _ORDER[d.kind])


def _change_key(d: Divergence) -> tuple:
    return (d.kind, d.change, fold(d.a_text), fold(d.b_text))


def merge(labels: list[Divergence]) -> list[Divergence]:
    """One label per change: the same change between several pairs of articles becomes
    one label naming the articles on each side."""
    out: list[Divergence] = []
    where: dict[tuple, int] = {}
    for d in labels:
        key = _change_key(d)
        k = where.get(key)
        if k is None:
            flipped = (d.kind, FLIPPED.get(d.change, d.change), fold(d.b_text), fold(d.a_text))
            k = where.get(flipped)
            if k is not None:
                d = d.flipped()
        if k is None:
            where[key] = len(out)
            out.append(d)
            continue
        have = out[k]
        a_docs = tuple(sorted(set(have.a_docs) | set(d.a_docs)))
        b_docs = tuple(sorted(set(have.b_docs) | set(d.b_docs)))
        if set(a_docs) & set(b_docs):
            continue  # an article on both sides: keep the first reading
        out[k] = _with_docs(have, a_docs, b_docs)
    return out


def classify_group(
    documents: list[Document], group: Group, pairs: list[tuple[int, int]] | None = None
) -> tuple[Divergence, ...]:
    """Labelled differences of a row, for every pair of its articles (``a < b``) or
    for the given ``pairs`` (oriented as given, e.g. reference first); a change that
    recurs between pairs is one label naming the articles that agree."""
    docs = group.docs
    if len(docs) < 2:
        return ()
    if pairs is None:
        pairs = [(x, y) for n, x in enumerate(docs) for y in docs[n + 1 :]]
    text_of = {d: {s: documents[d].sentences[s].text for s in group.sentences_of(d)} for d in docs}
    texts = {d: tuple(v[s] for s in sorted(v)) for d, v in text_of.items()}
    comps = None
    found: list[Divergence] = []
    # Pairs whose linked sentences read the same as an earlier pair's give the same
    # labels: they only add their articles to those labels.
    seen: dict[tuple, list[int]] = {}
    more_a: dict[int, set[int]] = {}
    more_b: dict[int, set[int]] = {}
    for a, b in pairs:
        if a == b or a not in texts or b not in texts or texts[a] == texts[b]:
            continue  # versions that agree word for word have nothing to label
        if comps is None:
            comps = components(group)
        sets = comps.get((min(a, b), max(a, b)), [])
        if a > b:
            sets = [(second, first) for first, second in sets]
        ta, tb = text_of[a], text_of[b]
        key = tuple(
            (tuple(ta[s] for s in sorted(x)), tuple(tb[s] for s in sorted(y))) for x, y in sets
        )
        hit = seen.get(key)
        if hit is not None:
            for k in hit:
                more_a.setdefault(k, set()).add(a)
                more_b.setdefault(k, set()).add(b)
            continue
        start = len(found)
        for x, y in sets:
            found.extend(_labels_of(documents, a, b, x, y))
        found[start:] = sorted(found[start:], key=_place)
        seen[key] = list(range(start, len(found)))
    for k in set(more_a) | set(more_b):
        d = found[k]
        found[k] = _with_docs(
            d,
            tuple(sorted(set(d.a_docs) | more_a.get(k, set()))),
            tuple(sorted(set(d.b_docs) | more_b.get(k, set()))),
        )
    if len(pairs) == 1:
        return tuple(found)
    return tuple(merge(found))


def _with_docs(d: Divergence, a_docs: tuple[int, ...], b_docs: tuple[int, ...]) -> Divergence:
    return Divergence(
        d.kind,
        d.change,
        d.a,
        d.b,
        d.a_text,
        d.b_text,
        d.a_start,
        d.a_end,
        d.b_start,
        d.b_end,
        a_docs,
        b_docs,
    )
