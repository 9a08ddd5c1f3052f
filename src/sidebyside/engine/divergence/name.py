"""Names: people, places and organisations.

A label is a different name in the same role ("Iraqi leader Saddam Hussein" /
"Libyan leader Moammar Qaddafi", "Iran" / "Iraq") or one name spelled two
ways ("Pukhov" / "Puhkov").  Whether two spellings are one name is the
aligner's rule (``features.name_relation``); an accent dropped ("Ibáñez" /
"Ibañez"), a word family ("Russia" / "Russian"), words reordered or added to
a long name ("U.S. Chemical Safety Board" / "Chemical Safety Board") and
months or weekdays are no name change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from sidebyside.engine.divergence import time
from sidebyside.engine.divergence.labels import CHANGES, NAME, VARIANT
from sidebyside.engine.divergence.side import Finding, Placed, Side, found_in
from sidebyside.engine.divergence.text import Analysed, plain
from sidebyside.engine.features import FAMILY, SPELLING, STOPWORDS, name_relation
from sidebyside.engine.model import Document

KIND = NAME

_NOT_NAMES = STOPWORDS | frozenset(
    "mr mrs ms dr the a an president minister leader spokesman spokeswoman gov sen rep".split()
)
# A swap of up to this many words on either side is a name in the same place, not a
# rewritten clause.
_SWAP_MAX = 4


@dataclass(frozen=True, slots=True)
class Name:
    key: str  # folded, without accents
    s: int
    e: int
    initial: bool  # opens its sentence (or a quotation): a name only if the article says so


def touches(changed: frozenset[str], tokens: list[list[str]]) -> bool:
    """Whether a change of these written tokens can change what this kind finds."""
    return any(w[:1].isupper() for w in changed)


def find(sentence: Analysed) -> tuple[Name, ...]:
    timed = time.taken(sentence) if found_in(sentence, time.KIND, time.find) else set()
    words = [t for t in sentence.tokens[sentence.body :] if t.word and len(t.text) > 3]
    if len(words) >= 5 and sum(t.capital for t in words) >= 0.8 * len(words):
        return ()  # a headline in title case: every word capitalised, none told apart
    out = []
    for k in range(sentence.body, len(sentence.tokens)):
        t = sentence.tokens[k]
        if not t.word or not t.capital or t.digits or k in timed:
            continue
        if t.key in _NOT_NAMES or t.key in time.MONTHS or t.key in time.WEEKDAYS or len(t.key) < 2:
            continue
        out.append(Name(plain(t.key), t.start, t.end, t.initial))
    return tuple(out)


# A capitalised word after a lower-case word, a figure or clause punctuation: mid-sentence.
_MID_CAPITAL = re.compile(r"(?<=[\w,;:)(\-—–] )[^\W\d_a-z][\w'’]*")
_LOWER = re.compile(r"(?<![\w'’])[^\W\d_A-Z][\w'’]*")


def _key(raw: str) -> str:
    key = plain(raw.casefold().replace("’", "'"))
    return key[:-2] if key.endswith("'s") else key


@lru_cache(maxsize=64)
def _article_names(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words the article capitalises other than at a sentence start, and the words it
    writes in lower case (one pass of two patterns over the text)."""
    names = frozenset(_key(w) for w in set(_MID_CAPITAL.findall(text)))
    lowercase = frozenset(_key(w) for w in set(_LOWER.findall(text)) if w[:1].islower())
    return names, lowercase


def article_names(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    return _article_names(doc.text)


def known(word: str, doc: Document) -> bool:
    """Whether a capitalised word that opens a sentence may be a name: the article
    capitalises it in mid-sentence somewhere, or never writes it in lower case."""
    names, lowercase = _article_names(doc.text)
    key = _key(word)
    return key in names or key not in lowercase


def first_use(doc: Document, key: str) -> tuple[int, int] | None:
    """Offsets of the article's first mid-sentence use of the name ``key``."""
    for m in _MID_CAPITAL.finditer(doc.text):
        if _key(m.group()) == key:
            return m.start(), m.end()
    return None


def _sure(m: Name, names: dict, lowercase: frozenset[str]) -> bool:
    return not m.initial or (m.key in names and m.key not in lowercase)


def _joined(key: str, seq: list[str]) -> bool:
    """ "StepTogether" / "Step Together": one name written as one word or two."""
    return any(p + q == key for p, q in pairwise(seq))


def compare(a: Side, b: Side) -> list[Finding]:
    xs = a.mentions(KIND, find)
    ys = b.mentions(KIND, find)
    if not xs and not ys:
        return []
    names_a, lower_a = article_names(a.doc)
    names_b, lower_b = article_names(b.doc)
    seq_a = [w for p in a.parts for w in p.plain_words]
    seq_b = [w for p in b.parts for w in p.plain_words]
    words_a = frozenset(seq_a)
    words_b = frozenset(seq_b)
    only_a = [x for x in xs if x.m.key not in words_b and not _joined(x.m.key, seq_b)]
    only_b = [y for y in ys if y.m.key not in words_a and not _joined(y.m.key, seq_a)]
    out: list[Finding] = []
    flagged: set[str] = set()
    for x in only_a:
        for y in only_b:
            if (x.m.key, y.m.key) in flagged:
                continue
            if name_relation(x.m.key, y.m.key) == SPELLING:
                flagged.update(((x.m.key, y.m.key), x.m.key, y.m.key))
                out.append(Finding(VARIANT, x, y))
    # A spelling this version uses here and the other uses elsewhere in the article
    # ("He said" here, "Pukhov" a sentence earlier): the label points there.
    for mine, other, names_other, words_other, mine_is_a in (
        (only_b, a, names_a, words_a, False),
        (only_a, b, names_b, words_b, True),
    ):
        for m in mine:
            if m.m.key in flagged or m.m.key in names_other:
                continue
            lowercase = (article_names(a.doc) if mine_is_a else article_names(b.doc))[1]
            if m.m.initial and m.m.key in lowercase:
                continue  # an ordinary word that opens the sentence
            for key in sorted(names_other):
                if key not in words_other and name_relation(m.m.key, key) == SPELLING:
                    where = first_use(other.doc, key)
                    if where is None:
                        continue
                    far = Placed(Name(key, 0, 0, False), where[0], where[1], -1)
                    out.append(Finding(VARIANT, m, far) if mine_is_a else Finding(VARIANT, far, m))
                    flagged.update((m.m.key, key))
                    break
    rest_a = [x for x in only_a if x.m.key not in flagged and _sure(x.m, names_a, lower_a)]
    rest_b = [y for y in only_b if y.m.key not in flagged and _sure(y.m, names_b, lower_b)]
    if rest_a and rest_b:
        out.extend(_swaps(a, b, rest_a, rest_b))
    return out


def _tokens(side: Side):
    """Word tokens of a side at absolute offsets, with their folded keys."""
    out = []
    for n, part in enumerate(side.parts):
        base = side.base(n)
        out.extend((plain(t.key), t.start + base, t.end + base, n) for t in part.tokens if t.word)
    return out


def _capital(side: Side, token) -> bool:
    return side.text[token[1] : token[1] + 1].isupper()


def _swaps(a: Side, b: Side, rest_a: list[Placed], rest_b: list[Placed]) -> list[Finding]:
    """Names the other version replaces, in the same place, with names of its own."""
    ta, tb = _tokens(a), _tokens(b)
    name_a = {x.start: x for x in rest_a}
    name_b = {y.start: y for y in rest_b}
    matcher = SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    swaps = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 > _SWAP_MAX or j2 - j1 > _SWAP_MAX:
            continue
        na = [name_a[t[1]] for t in ta[i1:i2] if t[1] in name_a]
        nb = [name_b[t[1]] for t in tb[j1:j2] if t[1] in name_b]
        if not na or not nb:
            continue
        # Only names are swapped, not a clause reworded around one.
        if not all(_capital(a, t) for t in ta[i1:i2]) or not all(_capital(b, t) for t in tb[j1:j2]):
            continue
        if any(name_relation(x.m.key, y.m.key) == FAMILY for x in na for y in nb):
            continue
        swaps.append([i1, i2, j1, j2])
    # Swaps a word or two apart are one change: "Iraqi leader Saddam Hussein".
    merged: list[list[int]] = []
    for s in swaps:
        if merged and s[0] - merged[-1][1] <= 2 and s[2] - merged[-1][3] <= 2:
            merged[-1][1], merged[-1][3] = s[1], s[3]
        else:
            merged.append(s)
    out = []
    for i1, i2, j1, j2 in merged:
        x = Placed(None, ta[i1][1], ta[i2 - 1][2], ta[i1][3])
        y = Placed(None, tb[j1][1], tb[j2 - 1][2], tb[j1][3])
        out.append(Finding(CHANGES, x, y))
    return out
