"""Quotes: words inside quotation marks.

A label is direct speech turned into paraphrase or back (it names the words
each version uses), or the words inside quotation marks changed ("that was
it" / "that was all").  The same quotation with other punctuation or quote
marks, or cut to a part of itself with the same words, is no label; a
quotation one version leaves out is omitted detail, not a change.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

from sidebyside.engine.divergence.labels import CHANGES, QUOTE, TO_QUOTE, TO_REPORTED
from sidebyside.engine.divergence.side import Finding, Placed, Side
from sidebyside.engine.divergence.text import BREAKS, Analysed, Written
from sidebyside.engine.features import STOPWORDS, stem

KIND = QUOTE

# Share of a quotation's words another quotation must hold to be that quotation.
SAME_QUOTE = 0.5
# Share of its content words the other version must say outside quotation marks
# for a quotation to count as put in that version's own words.
PARAPHRASED = 0.25
# A quotation's remainder (what a partial quote left out) needs this many content words.
REMAINDER_MIN = 3
_CLUSTER_GAP = 6


class Quoted(NamedTuple):
    words: tuple[str, ...]  # folded words inside the marks
    stems: tuple[str | None, ...]  # each word's stem, None for a function word
    offsets: tuple[tuple[int, int], ...]  # each word's offsets in the sentence
    s: int
    e: int


_MARKS = frozenset('“”«»„"')


def touches(changed: frozenset[str], written: list[Written]) -> bool:
    """Whether a change of these written tokens can change what this kind finds."""
    return bool(changed) and any(x.get(KIND, _has_marks) for x in written)


def _has_marks(written: Written) -> bool:
    return not _MARKS.isdisjoint(written.distinct)


def find(sentence: Analysed) -> tuple[Quoted, ...]:
    out = []
    toks = sentence.tokens
    for start, end in sentence.quotes:
        inner = [t for t in toks if t.word and start <= t.start and t.end <= end]
        if not inner:
            continue
        out.append(
            Quoted(
                tuple(t.key for t in inner),
                tuple(None if t.key in STOPWORDS else stem(t.key) for t in inner),
                tuple((t.start, t.end) for t in inner),
                inner[0].start,
                inner[-1].end,
            )
        )
    return tuple(out)


def _matched(x: Quoted, y: Quoted) -> list[tuple[int, int, int]]:
    return [
        b
        for b in SequenceMatcher(None, x.words, y.words, autojunk=False).get_matching_blocks()
        if b.size
    ]


def _content(q: Quoted, positions) -> list[str]:
    return [q.stems[p] for p in positions if q.stems[p] is not None]


def _placed_words(x: Placed, first: int, last: int) -> Placed:
    """The part of quotation ``x`` from its word ``first`` to ``last`` (inclusive)."""
    base = x.start - x.m.s
    return Placed(x.m, base + x.m.offsets[first][0], base + x.m.offsets[last][1], x.part)


def _paraphrase(q: Quoted, positions: list[int], other: Side) -> Placed | None:
    """Where ``other`` says in its own words what words ``positions`` of ``q`` quote."""
    wanted = [(p, q.stems[p]) for p in positions if q.stems[p] is not None]
    best = None
    for n, part in enumerate(other.parts):
        toks = [t for t, inside in zip(part.tokens, part.in_quote) if not inside]
        stems = [stem(t.key) if t.word and t.key not in STOPWORDS else None for t in toks]
        hits = []  # (token index in toks, word position in q)
        used = set()
        for p, s in wanted:
            for k, t_stem in enumerate(stems):
                if t_stem == s and k not in used:
                    hits.append((k, p))
                    used.add(k)
                    break
        if not hits:
            continue
        hits.sort()
        # The densest run of hits: a paraphrase is one stretch of the sentence.
        clusters = [[hits[0]]]
        for h in hits[1:]:
            if h[0] - clusters[-1][-1][0] > _CLUSTER_GAP:
                clusters.append([h])
            else:
                clusters[-1].append(h)
        cluster = max(clusters, key=len)
        if best is not None and len(cluster) <= best[0]:
            continue
        first_tok, last_tok = cluster[0][0], cluster[-1][0]
        # Stretch by the quoted words before the first and after the last word found.
        before = min(p for _, p in cluster) - positions[0]
        after = positions[-1] - max(p for _, p in cluster)
        words = [k for k, t in enumerate(toks) if t.word]
        w_first = words.index(first_tok)
        w_last = words.index(last_tok)
        lo = w_first
        while (
            lo > 0 and w_first - lo < before and not _break_between(toks, words[lo - 1], words[lo])
        ):
            lo -= 1
        hi = w_last
        while (
            hi + 1 < len(words)
            and hi - w_last < after
            and not _break_between(toks, words[hi], words[hi + 1])
        ):
            hi += 1
        base = other.base(n)
        best = (
            len(cluster),
            Placed(None, base + toks[words[lo]].start, base + toks[words[hi]].end, n),
        )
    return best[1] if best else None


def _break_between(toks, i: int, j: int) -> bool:
    return any(not t.word and t.text in BREAKS and t.text not in ",-" for t in toks[i + 1 : j]) or (
        j - i > 1 and any(t.text == "," for t in toks[i + 1 : j]) and False
    )


def _reported(q: Quoted, positions: list[int], other: Side, hits_min: int = 2) -> bool:
    content = set(_content(q, positions))
    if len(content) < 2:
        return False
    hits = len(content & other.unquoted_stems)
    # A short quote ("do whatever is necessary") shows itself by one word of two.
    return hits >= min(hits_min, len(content) - 1) and hits >= PARAPHRASED * len(content)


def _one_way(
    xs: list[Placed], ys: list[Placed], other: Side, change: str, out: list, done: set
) -> None:
    for x in xs:
        q = x.m
        n = len(q.words)
        best, best_size = None, 0
        for y in ys:
            size = sum(b.size for b in _matched(q, y.m))
            if size > best_size:
                best, best_size = y, size
        covered: set[int] = set()
        for y in ys:
            for b in _matched(q, y.m):
                if b.size >= 2 or len(y.m.words) == 1:
                    covered.update(range(b.a, b.a + b.size))
        if best is not None and best_size >= SAME_QUOTE * min(n, len(best.m.words)):
            if q.words == best.m.words:
                continue
            if best_size == len(best.m.words) or best_size == n:
                # One cuts the other to a part with the same words; what the longer
                # quote has beyond it may stand in the other version's own words.
                rest = [p for p in range(n) if p not in covered]
                _remainder(x, rest, other, change, out)
                continue
            pair = (x.start, best.start) if change == TO_REPORTED else (best.start, x.start)
            if pair not in done:
                done.add(pair)
                out.append(
                    Finding(CHANGES, x, best)
                    if change == TO_REPORTED
                    else Finding(CHANGES, best, x)
                )
            continue
        rest = [p for p in range(n) if p not in covered]
        _remainder(x, rest, other, change, out)


def _remainder(x: Placed, rest: list[int], other: Side, change: str, out: list) -> None:
    if not rest:
        return
    # The longest run of consecutive uncovered words.
    runs = [[rest[0]]]
    for p in rest[1:]:
        if p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    run = max(runs, key=len)
    q = x.m
    if len(_content(q, run)) < (REMAINDER_MIN if len(run) < len(q.words) else 2):
        return
    # What a partial quote left out needs less to be found: the rest is quoted as is.
    if not _reported(q, run, other, 1 if len(run) < len(q.words) else 2):
        return
    mine = _placed_words(x, run[0], run[-1])
    theirs = _paraphrase(q, run, other)
    if change == TO_REPORTED:
        out.append(Finding(TO_REPORTED, mine, theirs))
    else:
        out.append(Finding(TO_QUOTE, theirs, mine))


def compare(a: Side, b: Side) -> list[Finding]:
    xs = a.mentions(KIND, find)
    ys = b.mentions(KIND, find)
    if not xs and not ys:
        return []
    out: list[Finding] = []
    done: set = set()
    _one_way(xs, ys, b, TO_REPORTED, out, done)
    _one_way(ys, xs, a, TO_QUOTE, out, done)
    return out
