"""Hedges: epistemic markers that say a claim is not certain.

"reportedly", "allegedly", "may", "could", "is believed to", "appears to",
"claims", "unconfirmed", "do not exclude"...  Manner and time adverbs
("quickly", "immediately", "so far") are not hedges.  Two versions that both
hedge a claim in other words ("may" / "investigators believe") agree; a label
says one version hedges what the other states as fact.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from sidebyside.engine.divergence.labels import ADDS, DROPS, HEDGE
from sidebyside.engine.divergence.side import Finding, Placed, Side
from sidebyside.engine.divergence.text import BREAKS, Analysed, TokenTest, Written
from sidebyside.engine.features import STOPWORDS, stem
from sidebyside.engine.normalize import WORD

KIND = HEDGE

_ADVERBS = frozenset(
    """reportedly allegedly apparently purportedly supposedly reputedly seemingly ostensibly
    probably possibly perhaps presumably likely unlikely typically generally usually""".split()
)
_ADJECTIVES = frozenset("alleged suspected unconfirmed unverified purported presumed".split())
_MODALS = frozenset(("may", "might", "could"))
_BE = frozenset("is are was were be been being am 's".split())
_PASSIVE = frozenset(
    """believed thought expected said reported understood alleged suspected rumoured rumored
    presumed feared estimated""".split()
)
_SEEM = frozenset("appear appears appeared seem seems seemed tend tends tended".split())
_BELIEVE = frozenset("believe believes suspect suspects".split())
_CLAIM = frozenset(("claim", "claims", "claimed"))
_NOT = frozenset(("not", "n't", "never", "cannot"))
# Words a modal's verb group may hold before its verb: "may not even have been".
_GROUP = frozenset(
    "not never even simply also still well yet already only just have be been".split()
)
_FOLLOW = 5  # content words after a hedge that name the claim it qualifies


class Hedge(NamedTuple):
    key: str  # the marker, folded ("may", "is believed to")
    s: int
    e: int
    claim: tuple[str, ...]  # stems of the words it qualifies


def _claim(toks, start: int, end: int) -> tuple[str, ...]:
    """Stems of the clause a hedge stands in (the hedge's own words left out)."""
    out = []
    i = start
    while (
        i > 0 and start - i < _FOLLOW and not (not toks[i - 1].word and toks[i - 1].text in BREAKS)
    ):
        i -= 1
        if toks[i].word and toks[i].key not in STOPWORDS:
            out.append(stem(toks[i].key))
    j = end
    while j < len(toks) and j - end < 2 * _FOLLOW:
        t = toks[j]
        if not t.word and t.text in BREAKS and t.text != "-":
            break
        if t.word and t.key not in STOPWORDS:
            out.append(stem(t.key))
        j += 1
    return tuple(out)


def find(sentence: Analysed) -> tuple[Hedge, ...]:
    toks = sentence.tokens
    n = len(toks)
    out = []
    body = sentence.body
    after = 0  # first token not yet read into a hedge
    for i in [k for k, t in enumerate(toks[body:], body) if t.key in _STARTS and t.word]:
        if i < after:
            continue
        t = toks[i]
        k = t.key
        start = end = None
        nxt = toks[i + 1].key if i + 1 < n else ""
        if k in _MODALS:
            if k == "may" and t.capital and (not t.initial or (i + 1 < n and toks[i + 1].digits)):
                continue  # the month, or a name
            if k == "could" and nxt in _NOT:
                continue  # "could not": ability, not doubt
            start, end = i, i + 1
            j = i + 1
            while (
                j < n
                and j - i <= 5
                and toks[j].word
                and (toks[j].key in _GROUP or toks[j].key.endswith("ly"))
            ):
                j += 1
            if j < n and toks[j].word and toks[j].key not in STOPWORDS:
                j += 1  # the verb: "may have been involved"
            end = j
        elif k in _ADVERBS or k in _ADJECTIVES:
            start, end = i, i + 1
            if i > sentence.body and toks[i - 1].key in _BE:
                start = i - 1  # "were probably"
            if nxt == "to":
                end = i + 2  # "likely to"
        elif k in _PASSIVE and nxt == "to" and i > sentence.body and toks[i - 1].key in _BE:
            start, end = i - 1, i + 2  # "is believed to"
        elif k in _SEEM and nxt == "to":
            start, end = i, i + 2
        elif k in _BELIEVE or (k in _CLAIM and nxt in ("that", "to")):
            start, end = i, i + 1
        elif k in ("exclude", "excludes", "excluded") and any(
            toks[x].key in _NOT for x in range(max(sentence.body, i - 2), i)
        ):
            start = next(
                x
                for x in range(max(sentence.body, i - 3), i)
                if toks[x].key in _NOT or toks[x].key in ("do", "does", "did")
            )
            end = i + 1
        elif (
            k in ("rule", "ruled")
            and nxt == "out"
            and any(toks[x].key in _NOT for x in range(max(sentence.body, i - 3), i))
        ):
            start = next(x for x in range(max(sentence.body, i - 3), i) if toks[x].key in _NOT)
            end = i + 2
        if start is None:
            continue
        out.append(Hedge(k, toks[start].start, toks[end - 1].end, _claim(toks, start, end)))
        after = end
    return tuple(out)


# Words a hedge can begin with.
_STARTS = (
    _MODALS
    | _ADVERBS
    | _ADJECTIVES
    | _PASSIVE
    | _SEEM
    | _BELIEVE
    | _CLAIM
    | frozenset("exclude excludes excluded rule ruled".split())
)


_TRIGGERS = (
    _ADVERBS
    | _ADJECTIVES
    | _MODALS
    | _BE
    | _PASSIVE
    | _SEEM
    | _BELIEVE
    | _CLAIM
    | _NOT
    | _GROUP
    | frozenset("to that exclude excludes excluded rule ruled out do does did".split())
)


def touches(changed: frozenset[str], written: list[Written]) -> bool:
    """Whether a change of these written tokens can change what this kind finds."""
    return any(map(_TRIGGERED.__getitem__, changed))


_TRIGGERED = TokenTest(lambda w: w.casefold() in _TRIGGERS)


def _claim_present(claim: tuple[str, ...], other: Side) -> bool:
    """The other version states the claim this hedge qualifies (not a clause it lacks)."""
    if not claim:
        return True
    stems = other.stems
    hits = sum(1 for c in claim if c in stems)
    return hits >= 1 and hits * 3 >= len(claim)


def compare(a: Side, b: Side) -> list[Finding]:
    xs = a.mentions(KIND, find)
    ys = b.mentions(KIND, find)
    if not xs and not ys:
        return []
    left_b = list(ys)
    left_a = []
    for x in xs:  # the same marker on both sides
        hit = next((k for k, y in enumerate(left_b) if y.m.key == x.m.key), None)
        if hit is None:
            left_a.append(x)
        else:
            del left_b[hit]
    # A hedge left on both sides is the same doubt in other words ("may" / "believe").
    k = min(len(left_a), len(left_b))
    out = []
    for hedge, mine, other in [(x, a, b) for x in left_a[k:]] + [(y, b, a) for y in left_b[k:]]:
        if not _claim_present(hedge.m.claim, other):
            continue
        stated = _counterpart(hedge, mine, other)
        if stated is not None and _same_words(mine, hedge, other, stated):
            continue  # the other version writes the same words: not read as a hedge there
        out.append(Finding(DROPS, hedge, stated) if mine is a else Finding(ADDS, stated, hedge))
    return out


def _same_words(mine: Side, hedge: Placed, other: Side, stated: Placed) -> bool:
    return (
        mine.text[hedge.start : hedge.end].casefold()
        == other.text[stated.start : stated.end].casefold()
    )


_WORD = re.compile(WORD)


def _counterpart(hedge: Placed, mine: Side, other: Side) -> Placed | None:
    """Where the other version states what this one hedges ("may not apply" / "do not
    apply"): the other sentence's words the hedge's words line up with, or None."""
    if len(other.spans) != 1:
        return None
    base, other_base = mine.base(hedge.part), other.base(0)
    words = list(_WORD.finditer(mine.texts[hedge.part]))
    theirs = list(_WORD.finditer(other.texts[0]))
    start, end = hedge.start - base, hedge.end - base
    inside = [n for n, w in enumerate(words) if start <= w.start() and w.end() <= end]
    if not inside or not theirs:
        return None
    first, last = inside[0], inside[-1] + 1
    mapped = []
    same: dict[int, int] = {}  # words that stay, and where they are in the other
    keys = [w.group().casefold() for w in words]
    their_keys = [w.group().casefold() for w in theirs]
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(keys, their_keys):
        if tag == "equal":
            same.update(zip(range(i1, i2), range(j1, j2)))
        lo, hi = max(i1, first), min(i2, last)
        if lo >= hi or tag == "delete":
            continue
        if i2 - i1 == j2 - j1:  # word for word
            mapped += [j1 + (i - i1) for i in range(lo, hi)]
        else:
            mapped += [j1, j2 - 1]
    if not mapped:
        return None
    lo, hi = min(mapped), max(mapped)
    if hi - lo + 1 > 2 * (last - first) + 2:
        return None  # not one phrase for another
    # One phrase stands for the other when they share a word ("may not apply" / "do not
    # apply") or the words on both sides of them stay ("She will name" / "She is
    # expected to name"); in a sentence turned round, words only happen to line up.
    shares = not set(keys[first:last]).isdisjoint(their_keys[lo : hi + 1])
    before = same.get(first - 1) == lo - 1 if first > 0 else lo == 0
    after = same.get(last) == hi + 1 if last < len(words) else hi == len(theirs) - 1
    if not (shares or (before and after)):
        return None
    return Placed(None, other_base + theirs[lo].start(), other_base + theirs[hi].end(), 0)
