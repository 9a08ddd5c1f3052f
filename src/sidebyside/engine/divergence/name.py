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
from difflib import SequenceMatcher
from functools import lru_cache
from operator import add
from typing import NamedTuple

from sidebyside.engine.divergence import time
from sidebyside.engine.divergence.labels import CHANGES, NAME, VARIANT
from sidebyside.engine.divergence.side import Finding, Placed, Side, found_in
from sidebyside.engine.divergence.text import Analysed, Written, plain, token_key
from sidebyside.engine.features import (
    FAMILY,
    SPELLING,
    STOPWORDS,
    common_prefix,
    name_relation,
)
from sidebyside.engine.model import Document

KIND = NAME

_NOT_NAMES = STOPWORDS | frozenset(
    "mr mrs ms dr the a an president minister leader spokesman spokeswoman gov sen rep".split()
)
# A swap of up to this many words on either side is a name in the same place, not a
# rewritten clause.
_SWAP_MAX = 4


class Name(NamedTuple):
    """A capitalised word (a tuple: sentences of names hold many, made at speed)."""

    key: str  # folded, without accents
    s: int
    e: int
    initial: bool  # opens its sentence (or a quotation): a name only if the article says so


def touches(changed: frozenset[str], written: list[Written]) -> bool:
    """Whether a change of these written tokens can change what this kind finds."""
    return any(w[:1].isupper() for w in changed)


def find(sentence: Analysed) -> tuple[Name, ...]:
    timed = time.taken(sentence) if found_in(sentence, time.KIND, time.find) else set()
    body = sentence.body
    story = sentence.tokens[body:]
    words = [t for t in story if t.word and len(t.text) > 3]
    if len(words) >= 5 and len([t for t in words if t.capital]) >= 0.8 * len(words):
        return ()  # a headline in title case: every word capitalised, none told apart
    new = tuple.__new__
    out = []
    for k, t in enumerate(story, body):
        if not t.capital or not t.word or t.digits or k in timed:
            continue
        key = t.key
        if key in _NEVER or len(key) < 2:
            continue
        out.append(new(Name, (key if key.isascii() else plain(key), t.start, t.end, t.initial)))
    return tuple(out)


# Capitalised words that are no names: titles, function words, months and weekdays.
_NEVER = _NOT_NAMES | frozenset(time.MONTHS) | frozenset(time.WEEKDAYS)


# A capitalised word after a lower-case word, a figure or clause punctuation: mid-sentence.
# The pattern opens with the space (matched, then dropped) so that the search skips ahead.
_MID_CAPITAL = re.compile(r" (?<=[\w,;:)(\-—–] )([^\W\d_a-z][\w'’]*)")
_LOWER = re.compile(r"(?<![\w'’])[^\W\d_A-Z][\w'’]*")
# On ASCII text, ASCII classes find the same words, faster.
_MID_CAPITAL_ASCII = re.compile(_MID_CAPITAL.pattern, re.ASCII)


# On ASCII text a word of ``_LOWER`` is a run of letters, digits, "_" and "'" that opens
# with a lower-case letter: every other character becomes a space, and a split finds them.
_NOT_IN_WORDS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'")}
)


def _mid_capital(text: str) -> re.Pattern:
    return _MID_CAPITAL_ASCII if text.isascii() else _MID_CAPITAL


def _lowercase_words(text: str) -> set[str]:
    """The words the text writes with a lower-case first letter."""
    if text.isascii():
        return {w for w in set(text.translate(_NOT_IN_WORDS).split()) if "a" <= w[0] <= "z"}
    return {w for w in set(_LOWER.findall(text)) if w[:1].islower()}


def _key(raw: str) -> str:
    key = plain(raw.casefold().replace("’", "'"))
    return key[:-2] if key.endswith("'s") else key


def _keys(words: set[str], ascii: bool) -> frozenset[str]:
    """``_key`` of each word; ASCII words are lowered all at once."""
    if not ascii:
        return frozenset(_key(w) for w in words)
    lowered = " ".join(words).lower().split()
    return frozenset([w[:-2] if w.endswith("'s") else w for w in lowered])


@lru_cache(maxsize=64)
def _article_names(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words the article capitalises other than at a sentence start, and the words it
    writes in lower case."""
    ascii = text.isascii()
    names = _keys(set(_mid_capital(text).findall(text)), ascii)
    return names, _keys(_lowercase_words(text), ascii)


def clear_caches() -> None:
    _article_names.cache_clear()
    _sorted_names.cache_clear()


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
    for m in _mid_capital(doc.text).finditer(doc.text):
        if _key(m.group(1)) == key:
            return m.start(1), m.end(1)
    return None


@lru_cache(maxsize=64)
def _sorted_names(text: str) -> tuple[str, ...]:
    return tuple(sorted(_article_names(text)[0]))


def _sure(m: Name, names: dict, lowercase: frozenset[str]) -> bool:
    return not m.initial or (m.key in names and m.key not in lowercase)


def _words(side: Side) -> tuple[frozenset[str], frozenset[str]]:
    """A side's words without accents, and each two words written as one ("StepTogether" /
    "Step Together": one name written as one word or two)."""
    seq = [w for p in side.parts for w in p.plain_words]
    return frozenset(seq), frozenset(map(add, seq, seq[1:]))


def _may_differ(a: Side, b: Side) -> bool:
    """Whether the sides' names can differ, told from the words as written: a name in one
    side only is a capitalised word the other side does not write, and a lone one that
    the other article names elsewhere is no change."""
    if any("\x1b" in t for t in a.texts) or any("\x1b" in t for t in b.texts):
        return True  # escape sequences hide words from the reading
    wa, wb = a.written, b.written
    only_a = [w for w in wa - wb if w[:1].isupper()]
    only_b = [w for w in wb - wa if w[:1].isupper()]
    if only_a and only_b:
        return True
    if only_a:
        names = article_names(b.doc)[0]
        return any(plain(token_key(w)) not in names for w in only_a)
    if only_b:
        names = article_names(a.doc)[0]
        return any(plain(token_key(w)) not in names for w in only_b)
    return False


def compare(a: Side, b: Side) -> list[Finding]:
    if not _may_differ(a, b):
        return []
    xs = a.mentions(KIND, find)
    ys = b.mentions(KIND, find)
    if not xs and not ys:
        return []
    names_a, lower_a = article_names(a.doc)
    names_b, lower_b = article_names(b.doc)
    words_a, joined_a = a.get(KIND, _words)
    words_b, joined_b = b.get(KIND, _words)
    only_a = [x for x in xs if x.m.key not in words_b and x.m.key not in joined_b]
    only_b = [y for y in ys if y.m.key not in words_a and y.m.key not in joined_a]
    out: list[Finding] = []
    flagged: set[str] = set()
    for x in only_a:
        for y in only_b:
            if (x.m.key, y.m.key) in flagged:
                continue
            if x.m.key in names_b and y.m.key in names_a:
                continue  # both articles write both: two names ("Veldra" / "Kurier Veldry")
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
            size = len(m.m.key)
            for key in _sorted_names(other.doc.text):
                # A spelling differs by one letter at most: a length apart rules most out.
                if (
                    -1 <= len(key) - size <= 1
                    and key not in words_other
                    and name_relation(m.m.key, key) == SPELLING
                ):
                    where = first_use(other.doc, key)
                    if where is None:
                        continue
                    far = Placed(Name(key, 0, 0, False), where[0], where[1], -1)
                    out.append(Finding(VARIANT, m, far) if mine_is_a else Finding(VARIANT, far, m))
                    flagged.update((m.m.key, key))
                    break
    rest_a = [x for x in only_a if x.m.key not in flagged and _sure(x.m, names_a, lower_a)]
    rest_b = [y for y in only_b if y.m.key not in flagged and _sure(y.m, names_b, lower_b)]
    for x, y in _first_names(a, b, rest_a, rest_b):
        out.append(Finding(CHANGES, x, y))
        rest_a.remove(x)
        rest_b.remove(y)
    if rest_a and rest_b:
        out.extend(_swaps(a, b, rest_a, rest_b))
    return [w for w in (_whole_names(f, a, b) for f in out) if w is not None]


# The capitalised word just before or after a name's word ("Dr." included).
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*\.?) $")
_WORD_AFTER = re.compile(r" ([A-Z][\w'’-]*)")


def _first_names(a: Side, b: Side, rest_a: list[Placed], rest_b: list[Placed]):
    """Pairs of names before one surname, wherever each sentence puts it ("Dr. Lucia
    Ferraro" / "Dr. Lucy Ferraro" in a quote's credit before it and after it)."""
    out = []
    used: set[int] = set()
    for x in rest_a:
        after = _name_after(a, x)
        if after is None:
            continue
        for k, y in enumerate(rest_b):
            if k not in used and _name_after(b, y) == after and not name_relation(x.m.key, y.m.key):
                out.append((x, y))
                used.add(k)
                break
    return out


def _name_after(side: Side, placed: Placed) -> str | None:
    """The capitalised word right after a name's word, when it is a name too."""
    span = side.spans[placed.part]
    m = _WORD_AFTER.match(side.text, placed.end, span.end)
    if m is None or m.group(1).casefold() in STOPWORDS:
        return None
    return m.group(1)


def _whole_names(f: Finding, a: Side, b: Side) -> Finding | None:
    """The finding over the whole names, where the words around the changed one are the
    same on both sides: "Linda Sizemore" / "Lynda Sizemore", not "Linda" / "Lynda".

    None for one name given two forms of a word ("Central Election Commission" /
    "Central Electoral Commission"): the words around it say it is the same body."""
    x, y = f.x, f.y
    if x is None or y is None or x.part < 0 or y.part < 0:
        return f
    ax, ay = a.spans[x.part], b.spans[y.part]
    xs, xe, ys, ye = x.start, x.end, y.start, y.end
    while True:
        left_a = _WORD_BEFORE.search(a.text, ax.start, xs)
        left_b = _WORD_BEFORE.search(b.text, ay.start, ys)
        if not (left_a and left_b and left_a.group(1) == left_b.group(1)):
            break
        if left_a.group(1).casefold() in STOPWORDS:
            break  # "The", "In": the sentence's words, not the name's
        xs, ys = left_a.start(1), left_b.start(1)
    while True:
        right_a = _WORD_AFTER.match(a.text, xe, ax.end)
        right_b = _WORD_AFTER.match(b.text, ye, ay.end)
        if not (right_a and right_b and right_a.group(1) == right_b.group(1)):
            break
        if right_a.group(1).casefold() in STOPWORDS:
            break
        xe, ye = right_a.end(1), right_b.end(1)
    if (xs, xe, ys, ye) == (x.start, x.end, y.start, y.end):
        return f
    if f.change == CHANGES and _one_stem(a.text[x.start : x.end], b.text[y.start : y.end]):
        return None
    return Finding(f.change, x._replace(start=xs, end=xe), y._replace(start=ys, end=ye))


def _one_stem(x: str, y: str) -> bool:
    """Two forms of one word: "Election" / "Electoral" (a common start of five letters)."""
    return common_prefix(plain(x.casefold()), plain(y.casefold())) >= 5


def _tokens(side: Side):
    """Word tokens of a side at absolute offsets, with their folded keys."""
    out = []
    for n, part in enumerate(side.parts):
        base = side.base(n)
        out.extend((plain(t.key), t.start + base, t.end + base, n) for t in part.tokens if t.word)
    return out


def _capital(side: Side, token) -> bool:
    return side.text[token[1] : token[1] + 1].isupper()


def _ends(tokens: list, capital: list[bool], at: int) -> tuple[set, set]:
    """Where a run of at most ``_SWAP_MAX`` capitalised words holding word ``at`` can start
    and end, told by the word before it and the word after it (None: the sentence's start,
    "": its end)."""
    first = at
    while first > 0 and at - first < _SWAP_MAX - 1 and capital[first - 1]:
        first -= 1
    last = at
    while last + 1 < len(tokens) and last - at < _SWAP_MAX - 1 and capital[last + 1]:
        last += 1
    before = {tokens[i - 1][0] if i else None for i in range(first, at + 1)}
    after = {tokens[i][0] if i < len(tokens) else "" for i in range(at + 1, last + 2)}
    return before, after


def _may_swap(a: Side, b: Side, ta: list, tb: list, rest_a: list, rest_b: list) -> bool:
    """Whether a name of each side can lie in one replaced stretch of capitalised words: the
    word diff only replaces a stretch between two words both versions share (or an end)."""
    cap_a = [_capital(a, t) for t in ta]
    cap_b = [_capital(b, t) for t in tb]
    at_a = {t[1]: k for k, t in enumerate(ta)}
    at_b = {t[1]: k for k, t in enumerate(tb)}
    ends_a = [_ends(ta, cap_a, at_a[x.start]) for x in rest_a if x.start in at_a]
    ends_b = [_ends(tb, cap_b, at_b[y.start]) for y in rest_b if y.start in at_b]
    return any(
        not before_a.isdisjoint(before_b) and not after_a.isdisjoint(after_b)
        for before_a, after_a in ends_a
        for before_b, after_b in ends_b
    )


def _swaps(a: Side, b: Side, rest_a: list[Placed], rest_b: list[Placed]) -> list[Finding]:
    """Names the other version replaces, in the same place, with names of its own."""
    ta, tb = a.get("name-tokens", _tokens), b.get("name-tokens", _tokens)
    if not _may_swap(a, b, ta, tb, rest_a, rest_b):
        return []
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
