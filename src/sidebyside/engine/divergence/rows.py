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

from collections.abc import Callable, Iterable
from functools import lru_cache

from sidebyside.engine.divergence import attribution, hedge, name, number, quote, text, time
from sidebyside.engine.divergence.labels import FLIPPED, KINDS, Divergence
from sidebyside.engine.divergence.side import Finding, Side, found_in
from sidebyside.engine.divergence.text import changed_tokens, written
from sidebyside.engine.model import Document, Group
from sidebyside.engine.normalize import fold

# Every kind, in the order labels of one place are listed.
RULES = (number, name, quote, attribution, time, hedge)
_ORDER = {k: n for n, k in enumerate(KINDS)}

# Findings of a pair of sentence texts, kept with offsets relative to each sentence:
# versions repeat sentences word for word, and the same pair recurs across rows.
_CACHE: dict[tuple[tuple[str, ...], tuple[str, ...]], list] = {}
_CACHE_MAX = 20_000
# Distinct sentences read ahead at most: the sentence caches hold this many.
_READ_AHEAD_MAX = 40_000
# What the pairs of single sentences joined by a link give, worked out before the rows
# were known (``label_links_ahead``), by (a, b, a's sentences, b's sentences): a row
# takes it as if worked out when it asks.
_AHEAD: dict[tuple[int, int, tuple[int, ...], tuple[int, ...]], tuple[bool, list]] = {}


def clear_caches() -> None:
    """Forget every text read and every pair compared (for timing from cold)."""
    _CACHE.clear()
    _AHEAD.clear()
    _fold.cache_clear()
    text.clear_caches()
    name.clear_caches()


def read_ahead(documents: list[Document], stop: Callable[[], bool] = lambda: False) -> None:
    """Read every sentence for every kind, and each article's names, before the rows are
    known (what labelling reads of one sentence does not depend on its partners).

    ``stop`` is asked now and then: reading ends as soon as it says so.
    """
    for doc in documents:
        name.article_names(doc)
    seen: set[str] = set()
    for doc in documents:
        for sentence in doc.sentences:
            t = sentence.text
            if t in seen:
                continue
            seen.add(t)
            if len(seen) % 64 == 0 and stop():
                return
            if len(seen) > _READ_AHEAD_MAX:
                return  # more would only push the first out of the caches
            written(t)
            part = text.analysed(t)
            for rules in RULES:
                found_in(part, rules.KIND, rules.find)


def _root(parent: dict[int, int], m: int) -> int:
    while parent.setdefault(m, m) != m:
        parent[m] = parent[parent[m]]
        m = parent[m]
    return m


def _links_by_pair(group: Group) -> dict[tuple[int, int], list]:
    by_pair: dict[tuple[int, int], list] = {}
    for link in group.links:
        da, db = link.a.doc, link.b.doc
        if da == db:
            continue
        by_pair.setdefault((min(da, db), max(da, db)), []).append(link)
    return by_pair


def _linked_sets(x: int, links: list) -> list[tuple[list[int], list[int]]]:
    """The sentences of ``x`` and of the other article that ``links`` join, one connected
    set at a time."""
    if len(links) == 1:
        link = links[0]
        first, second = (link.a, link.b) if link.a.doc == x else (link.b, link.a)
        return [([first.sentence], [second.sentence])]
    # Sentences as ints: article x's are >= 0, the other's < 0.
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
    return [s for s in sets.values() if s[0] and s[1]]


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
    return {pair: _linked_sets(pair[0], links) for pair, links in _links_by_pair(group).items()}


# The kinds that tell from the written tokens alone whether a change can touch them.
_TOUCHED = tuple(rules for rules in RULES if rules is not name)


def _kinds_touched(ta: tuple[str, ...], tb: tuple[str, ...], da: Document, db: Document) -> list:
    """The kinds a difference between these texts can touch: the written tokens only one
    side has are checked against each kind's words, before any sentence is read."""
    return _with_names(_touched_by_words(ta, tb), da, db)


def _touched_by_words(ta: tuple[str, ...], tb: tuple[str, ...]) -> tuple[list, bool, set[str]]:
    """What the texts alone tell: the kinds other than names a change touches, whether it
    touches a name, and the capitals that open a sentence (names where the article says so)."""
    la = [written(t) for t in ta]
    lb = [written(t) for t in tb]
    changed = changed_tokens(la, lb)
    both = la + lb
    kinds = [rules for rules in _TOUCHED if rules.touches(changed, both)]
    capitals = {w for w in changed if w[:1].isupper()}
    if not capitals:
        return kinds, False, capitals
    openers = {x.tokens[0] for x in both if x.tokens}
    return kinds, bool(capitals - openers), capitals & openers


def _with_names(by_words: tuple[list, bool, set[str]], da: Document, db: Document) -> list:
    kinds, names, openers = by_words
    # A capital that opens a sentence is a name only where the article says so elsewhere.
    if names or any(name.known(w, da) or name.known(w, db) for w in openers):
        return [*kinds[:1], name, *kinds[1:]]
    return kinds


def _findings(sa: Side, sb: Side, kinds=RULES) -> list[tuple[str, Finding]]:
    out = []
    for rules in kinds:
        found = rules.compare(sa, sb)
        if found:
            kind = rules.KIND
            out += [(kind, f) for f in found]
    return out


def _relative(side: Side, placed) -> tuple | None:
    """``placed`` as (sentence of the side, offsets in it), or None when outside the side."""
    if placed is None:
        return ()
    for n, span in enumerate(side.spans):
        if span.start <= placed.start <= placed.end <= span.end:
            return (n, placed.start - span.start, placed.end - span.start)
    return None


def _relative_findings(sa: Side, sb: Side, found) -> list[tuple[str, str, tuple, tuple]] | None:
    """Findings as (kind, change, where on a, where on b) relative to the sentences, or None
    when one points outside them (a spelling found elsewhere in the article)."""
    out = []
    for kind, f in found:
        x, y = _relative(sa, f.x), _relative(sb, f.y)
        if x is None or y is None:
            return None
        out.append((kind, f.change, x, y))
    return out


class _Reading:
    """What a row's pairs share: each article's side, read once, and the kinds each pair
    of texts can touch (the same either way round)."""

    def __init__(self) -> None:
        self.sides: dict[tuple, Side] = {}
        self.by_words: dict[tuple, tuple] = {}

    def side(self, doc: Document, sentences: list[int]) -> Side:
        key = (id(doc), sentences[0] if len(sentences) == 1 else tuple(sorted(sentences)))
        side = self.sides.get(key)
        if side is None:
            side = self.sides[key] = Side(doc, sentences)
        return side

    def touched(self, ta: tuple, tb: tuple, da: Document, db: Document) -> list:
        by_words = self.by_words.get((ta, tb)) or self.by_words.get((tb, ta))
        if by_words is None:
            by_words = self.by_words[(ta, tb)] = _touched_by_words(ta, tb)
        return _with_names(by_words, da, db)


def _labels_of(
    documents: list[Document],
    a: int,
    b: int,
    sa_idx: list[int],
    sb_idx: list[int],
    reading: _Reading | None = None,
) -> list[Divergence]:
    da, db = documents[a], documents[b]
    spans_a = [da.sentences[s] for s in sorted(sa_idx)]
    spans_b = [db.sentences[s] for s in sorted(sb_idx)]
    ta = tuple([s.text for s in spans_a])
    tb = tuple([s.text for s in spans_b])
    if ta == tb:
        return []
    key = (ta, tb)
    rel = _CACHE.get(key)
    if rel is None:
        got = None
        if _AHEAD:
            got = _AHEAD.pop((a, b, tuple(sorted(sa_idx)), tuple(sorted(sb_idx))), None)
        if got is None:
            got = _work_out(documents, a, b, sa_idx, sb_idx, ta, tb, reading or _Reading())
        kept, rel = got
        if not kept:
            return rel
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = rel
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


def _work_out(
    documents: list[Document],
    a: int,
    b: int,
    sa_idx: list[int],
    sb_idx: list[int],
    ta: tuple[str, ...],
    tb: tuple[str, ...],
    reading: _Reading,
) -> tuple[bool, list]:
    """(True, the findings relative to the sentences), which hold wherever these texts
    meet again, or (False, the labels) when a finding points elsewhere in an article."""
    da, db = documents[a], documents[b]
    kinds = reading.touched(ta, tb, da, db)
    if not kinds:
        return True, []
    sa, sb = reading.side(da, sa_idx), reading.side(db, sb_idx)
    found = _findings(sa, sb, kinds)
    rel = _relative_findings(sa, sb, found)
    if rel is not None:
        return True, rel
    out = []
    for kind, f in found:
        a_start, a_end = (f.x.start, f.x.end) if f.x else (sa.origin, sa.origin)
        b_start, b_end = (f.y.start, f.y.end) if f.y else (sb.origin, sb.origin)
        out.append(_divergence(kind, f.change, a, b, da, db, a_start, a_end, b_start, b_end))
    return False, out


def label_links_ahead(
    documents: list[Document],
    links: Iterable[tuple[int, int, int, int]],
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Work out the labels of the sentence pairs ``links`` join, as ``(a, sentence, b,
    sentence)`` with ``a < b``, in the order rows will ask for them, before the rows are
    known.  Only the first pair of each two texts is read: the rows' cache gives the rest.

    ``stop`` is asked now and then: reading ends as soon as it says so.
    """
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    reading = _Reading()  # each sentence is read once, for all its partners
    for n, (a, s, b, t) in enumerate(links):
        if n % 64 == 0 and stop():
            return
        ta, tb = (documents[a].sentences[s].text,), (documents[b].sentences[t].text,)
        if ta == tb or (ta, tb) in seen:
            continue
        seen.add((ta, tb))
        _AHEAD[(a, b, (s,), (t,))] = _work_out(documents, a, b, [s], [t], ta, tb, reading)


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


# Label texts recur between the pairs of a row and their reverse.
_fold = lru_cache(maxsize=50_000)(fold)


def _change_key(d: Divergence) -> tuple:
    return (d.kind, d.change, _fold(d.a_text), _fold(d.b_text))


def merge(labels: list[Divergence]) -> list[Divergence]:
    """One label per change: the same change between several pairs of articles becomes
    one label naming the articles on each side."""
    out: list[Divergence] = []
    where: dict[tuple, int] = {}
    for d in labels:
        key = _change_key(d)
        k = where.get(key)
        if k is None:
            flipped = (d.kind, FLIPPED.get(d.change, d.change), key[3], key[2])
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


class _Row:
    """A row's sentences by article, and the sets of them its links join, pair by pair."""

    def __init__(self, documents: list[Document], group: Group) -> None:
        self.group = group
        text_of: dict[int, dict[int, str]] = {}
        # Articles with one sentence in the row: a pair of them is linked or not.
        single: set[int] = set()
        for m in group.members:
            d = m.doc
            sentences = text_of.get(d)
            if sentences is None:
                text_of[d] = {m.sentence: documents[d].sentences[m.sentence].text}
                single.add(d)
            else:
                sentences[m.sentence] = documents[d].sentences[m.sentence].text
                single.discard(d)
        self.text_of = text_of
        self.texts = {
            d: tuple(v.values()) if d in single else tuple([v[s] for s in sorted(v)])
            for d, v in text_of.items()
        }
        self.single = single
        self._by_pair: dict[tuple[int, int], list] | None = None
        self._linked_pairs: set[tuple[int, int]] | None = None
        self._sets: dict[tuple[int, int], list] = {}

    def versions(self) -> dict[int, int]:
        """Each article's version of the row: articles whose sentences read the same share one."""
        ids: dict[tuple[str, ...], int] = {}
        return {d: ids.setdefault(t, len(ids)) for d, t in self.texts.items()}

    def _linked_singles(self, a: int, b: int) -> bool:
        if not self.group.links:
            return True  # a row without links counts as linked throughout
        linked = self._linked_pairs
        if linked is None:
            linked = self._linked_pairs = {(link.a.doc, link.b.doc) for link in self.group.links}
        return (a, b) in linked or (b, a) in linked

    def key(self, a: int, b: int) -> tuple:
        """What the pair's labels depend on: the texts of each set of sentences linked."""
        if a in self.single and b in self.single:
            return ((self.texts[a], self.texts[b]),) if self._linked_singles(a, b) else ()
        ta, tb = self.text_of[a], self.text_of[b]
        return tuple(
            (tuple([ta[s] for s in sorted(x)]), tuple([tb[s] for s in sorted(y)]))
            for x, y in self.linked(a, b)
        )

    def linked(self, a: int, b: int) -> list[tuple[list[int], list[int]]]:
        """The sentences of ``a`` and of ``b`` the row's links join, one set at a time."""
        if a in self.single and b in self.single:
            if not self._linked_singles(a, b):
                return []
            return [(list(self.text_of[a]), list(self.text_of[b]))]
        pair = (a, b) if a < b else (b, a)
        sets = self._sets.get(pair)
        if sets is None:
            group = self.group
            if not group.links:
                sets = [(group.sentences_of(pair[0]), group.sentences_of(pair[1]))]
            else:
                if self._by_pair is None:
                    self._by_pair = _links_by_pair(group)
                links = self._by_pair.get(pair)
                sets = _linked_sets(pair[0], links) if links else []
            self._sets[pair] = sets
        if a > b:
            return [(second, first) for first, second in sets]
        return sets


def classify_group(
    documents: list[Document], group: Group, pairs: list[tuple[int, int]] | None = None
) -> tuple[Divergence, ...]:
    """Labelled differences of a row, for every pair of its articles (``a < b``) or
    for the given ``pairs`` (oriented as given, e.g. reference first); a change that
    recurs between pairs is one label naming the articles that agree."""
    row = _Row(documents, group)
    version = row.versions()
    if len(set(version.values())) < 2:
        return ()  # one article, or versions that all read the same
    if pairs is None:
        docs = sorted(version)
        pairs = [(x, y) for n, x in enumerate(docs) for y in docs[n + 1 :]]
    reading = _Reading()
    found: list[Divergence] = []
    # Pairs whose linked sentences read the same as an earlier pair's give the same
    # labels: they only add their articles to those labels.
    seen: dict[tuple, list[int]] = {}
    more_a: dict[int, set[int]] = {}
    more_b: dict[int, set[int]] = {}
    for a, b in pairs:
        va, vb = version.get(a), version.get(b)
        if va == vb or va is None or vb is None:
            continue  # versions that agree word for word have nothing to label
        key = row.key(a, b)
        hit = seen.get(key)
        if hit is not None:
            for k in hit:
                more_a.setdefault(k, set()).add(a)
                more_b.setdefault(k, set()).add(b)
            continue
        start = len(found)
        for x, y in row.linked(a, b):
            found.extend(_labels_of(documents, a, b, x, y, reading))
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
