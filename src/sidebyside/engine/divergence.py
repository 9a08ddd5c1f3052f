"""Which differences between two versions of a group change the story.

A word diff shows every change; a fact-checker needs to know which ones
touch a number, a name, a quotation, who a claim is credited to, a date or
a qualifier.  Each kind is found by small, readable rules (regular
expressions and word lists) on each article's side of a group, and the two
sides' findings are compared as multisets, so text that only moved within
the group (an attribution put first instead of last) cancels out instead of
reading as one removal and one addition.

Everything is computed on demand from the documents and a group, so a front
end can classify only the row it shows.  Results carry absolute offsets into
``Document.text`` and the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import OSA

from sidebyside.engine.features import STOPWORDS as CONTENT_STOPWORDS
from sidebyside.engine.model import Document, Group
from sidebyside.engine.normalize import fold

NUMBER = "number"
NAME = "name"
QUOTE = "quote"
ATTRIBUTION = "attribution"
TIME = "time"
HEDGE = "hedge"
KINDS = (NUMBER, NAME, QUOTE, ATTRIBUTION, TIME, HEDGE)

# What happened between side a and side b.
ADDS = "adds"  # only b has it
DROPS = "drops"  # only a has it
CHANGES = "changes"  # both have one, and they differ
VARIANT = "variant"  # one name spelled two ways
TO_QUOTE = "to-quote"  # b quotes directly what a reports
TO_REPORTED = "to-reported"  # b reports what a quotes directly

DESCRIPTION_MAX = 60


@dataclass(frozen=True, slots=True)
class Divergence:
    """One labelled difference between article ``a``'s and article ``b``'s version.

    Offsets are absolute into each document's text; a side that lacks the
    thing has an empty range where the group's text starts and ``""`` as text.
    """

    kind: str
    change: str
    a: int
    b: int
    a_text: str
    b_text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def description(self) -> str:
        return describe(self)

    def flipped(self) -> Divergence:
        """The same difference seen from ``b``'s side."""
        change = {ADDS: DROPS, DROPS: ADDS, TO_QUOTE: TO_REPORTED, TO_REPORTED: TO_QUOTE}.get(
            self.change, self.change
        )
        return Divergence(
            self.kind,
            change,
            self.b,
            self.a,
            self.b_text,
            self.a_text,
            self.b_start,
            self.b_end,
            self.a_start,
            self.a_end,
        )


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rstrip() + "…"
    return f'"{text}"'


def describe(div: Divergence) -> str:
    """A short sentence saying what ``b`` does relative to ``a``, e.g. ``[3] adds "two"``."""
    a, b = f"[{div.a + 1}]", f"[{div.b + 1}]"
    at, bt = _short(div.a_text), _short(div.b_text)
    if div.change == TO_QUOTE:
        return f"{b} quotes directly what {a} reports: {bt}"
    if div.change == TO_REPORTED:
        return f"{b} reports without quotation marks what {a} quotes: {at}"
    if div.change == VARIANT:
        return f"{b} spells {bt} where {a} spells {at}"
    if div.kind == ATTRIBUTION:
        if div.change == ADDS:
            return f"{b} credits {bt}, {a} does not"
        if div.change == DROPS:
            return f"{b} drops the credit to {at}"
        return f"{b} credits {bt} where {a} credits {at}"
    if div.kind == QUOTE:
        if div.change == ADDS:
            return f"{b} adds the quote {bt}"
        if div.change == DROPS:
            return f"{b} drops the quote {at}"
        return f"{b} quotes {bt} where {a} quotes {at}"
    if div.change == ADDS:
        return f"{b} adds {bt}"
    if div.change == DROPS:
        return f"{b} drops {at}"
    verb = "names" if div.kind == NAME else "has"
    return f"{b} {verb} {bt} where {a} {verb} {at}"


# -- tokens -------------------------------------------------------------------

# Words keep inner apostrophes and hyphens ("al-Sham", "well-informed");
# numbers keep separators and a percent sign; everything else is one character.
_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?%?|[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|[^\w\s]",
    re.UNICODE,
)
_STEMMER = snowballstemmer.stemmer("english")
# Clause punctuation: source phrases, number phrases and the like stop there.
_BREAKS = frozenset(",.;:!?()[]\"“”«»„‟'‘’—–")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    key: str  # folded, possessive dropped
    start: int
    end: int
    word: bool
    initial: bool  # first word of its sentence or after a quotation mark opening it


@lru_cache(maxsize=200_000)
def _stem(key: str) -> str:
    return _STEMMER.stemWord(key)


_KEYS: dict[str, str] = {}


def _key(raw: str) -> str:
    """Folded form of a token, possessive dropped (cached: vocabularies repeat)."""
    key = _KEYS.get(raw)
    if key is None:
        if len(_KEYS) > 500_000:
            _KEYS.clear()
        key = fold(raw)
        if raw[0].isalnum() and key.endswith("'"):
            key = key[:-1]
        elif raw[0].isalnum() and key.endswith("'s"):
            key = key[:-2]
        _KEYS[raw] = key
    return key


def _tokens(text: str) -> list[_Tok]:
    out = []
    initial = True
    for m in _TOKEN.finditer(text):
        raw = m.group()
        key = _key(raw)
        word = raw[0].isalnum()
        out.append(_Tok(raw, key, m.start(), m.end(), word, initial and word))
        if word:
            initial = False
        elif raw in '“"«:':
            initial = True
    return out


def _is_break(tok: _Tok) -> bool:
    return not tok.word and tok.text in _BREAKS


# A mention: (key, start, end) relative to its sentence; what counts as equal
# across articles is the key, what is shown is the text between the offsets.
_Mention = tuple


# -- time ---------------------------------------------------------------------

_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_RELATIVE_DAYS = frozenset("today yesterday tomorrow tonight overnight".split())
_PERIODS = frozenset("week weekend month year night morning afternoon evening".split())
_DAY_PARTS = frozenset("morning afternoon evening night".split())
_TIME_MODIFIERS = frozenset("last this next past previous early late earlier later".split())
_ZONES = frozenset("am pm a.m p.m gmt utc est edt cet bst msk".split())
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DAY = re.compile(r"^([12]?\d|3[01])(st|nd|rd|th)?$")


def _times(toks: list[_Tok]) -> list[_Mention]:
    """Dates and times: "on Sunday", "last Sunday", "December 8", "in 2011", "3:21 PM"."""
    out = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        k = t.key
        j = None  # end (exclusive) of the expression
        month = _MONTHS.get(k) if t.word else None
        if month and (k != "may" or t.text[0].isupper()) and (k != "mar" or t.text == "Mar"):
            j = i + 1
            if j < n and _DAY.match(toks[j].key):
                j += 1
            if j + 1 < n and toks[j].key == "," and _YEAR.match(toks[j + 1].key):
                j += 2
            elif j < n and _YEAR.match(toks[j].key):
                j += 1
            start = i - 1 if i and _DAY.match(toks[i - 1].key) else i
            if j == i + 1 and start == i and (k == "may" or len(k) == 3):
                j = None  # "May" alone is as likely the verb; "Jan" a name
            else:
                i = start
        elif k in _WEEKDAYS or k in _RELATIVE_DAYS:
            j = i + 1
            if j < n and toks[j].key in _DAY_PARTS:
                j += 1
        elif _CLOCK.match(k):
            j = i + 1
            while j < n and (toks[j].key in _ZONES or toks[j].key == "."):
                j += 1
        elif _YEAR.match(k) and not (i + 1 < n and toks[i + 1].key in ("%", "percent")):
            j = i + 1
        elif k in _TIME_MODIFIERS and i + 1 < n and toks[i + 1].key in _PERIODS:
            j = i + 2
        if j is None:
            i += 1
            continue
        start = i
        # "last Sunday", "early Sunday", "earlier this week": the modifier is part of it.
        while start and toks[start - 1].key in _TIME_MODIFIERS and start > i - 2:
            start -= 1
        words = [x.key for x in toks[start:j] if x.word or _CLOCK.match(x.key)]
        out.append((" ".join(words), toks[start].start, toks[j - 1].end))
        i = j
    return out


# -- numbers ------------------------------------------------------------------

_SMALL = {
    w: v
    for v, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * v
    for v, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_VAGUE = {"dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2_000, "millions": 2 * 10**6}
_QUALIFIERS = (
    ("more", "than"),
    ("less", "than"),
    ("fewer", "than"),
    ("at", "least"),
    ("at", "most"),
    ("up", "to"),
    ("as", "many", "as"),
    ("just", "over"),
    ("just", "under"),
    ("well", "over"),
    ("nearly",),
    ("almost",),
    ("about",),
    ("around",),
    ("roughly",),
    ("approximately",),
    ("some",),
    ("over",),
    ("under",),
)
# "one" is a number only before a counted noun, not in "one of them said".
_NOT_COUNTED = frozenset(
    "of said says told another other others another's day".split()
) | frozenset(CONTENT_STOPWORDS)
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel".split())
SOURCE_NOUNS = frozenset(
    """people person persons source sources official officials diplomat diplomats aide aides
    adviser advisers advisor advisors analyst analysts expert experts witness witnesses
    resident residents insider insiders member members figure figures""".split()
)
_UNIT_YEARS = {"century": 100, "centuries": 100, "decade": 10, "decades": 10}


def _number_word(k: str) -> int | None:
    if k in _SMALL:
        return _SMALL[k]
    if k in _TENS:
        return _TENS[k]
    if "-" in k:
        head, _, tail = k.partition("-")
        if head in _TENS and tail in _SMALL and 0 < _SMALL[tail] < 10:
            return _TENS[head] + _SMALL[tail]
    return None


def _digits(k: str) -> float | None:
    k = k.rstrip("%")
    k = re.sub(r"(st|nd|rd|th)$", "", k)
    try:
        return float(k.replace(",", ""))
    except ValueError:
        return None


def _plural(key: str) -> bool:
    return key in _IRREGULAR_PLURALS or (
        len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is"))
    )


def _numbers(toks: list[_Tok], taken: set[int]) -> list[_Mention]:
    """Quantities with what they count: "two Russian intelligence agents", "nearly 14 years"."""
    out = []
    n = len(toks)
    i = 0
    while i < n:
        if i in taken:
            i += 1
            continue
        t = toks[i]
        k = t.key
        j = i
        value: float | None = None
        unit_key: str | None = None
        if k[:1].isdigit():
            value = _digits(k)
            j = i + 1
        elif k == "half" and i + 2 < n and toks[i + 1].key == "a":
            unit = toks[i + 2].key
            if unit in _UNIT_YEARS:
                value, j = _UNIT_YEARS[unit] / 2, i + 3
                unit_key = "year"
            elif unit in ("dozen", "million", "billion"):
                value, j = (_VAGUE.get(unit) or _SCALES[unit]) / 2, i + 3
        elif k in _VAGUE and not (i and toks[i - 1].key in ("a", "one")):
            value, j = _VAGUE[k], i + 1
        elif (
            k in ("a", "one")
            and i + 1 < n
            and toks[i + 1].key in ("dozen", "hundred", "thousand", "million", "billion")
        ):
            value, j = _VAGUE.get(toks[i + 1].key) or _SCALES[toks[i + 1].key], i + 2
        else:
            v = _number_word(k)
            if v is not None:
                value, j = v, i + 1
                # "twenty five", "three hundred", "two million"
                while j < n and toks[j].word:
                    kj = toks[j].key
                    if kj in _SCALES:
                        value = max(value, 1) * _SCALES[kj]
                    elif value % 100 and value >= 20 and _SMALL.get(kj, 10) < 10:
                        value += _SMALL[kj]
                    elif kj == "and" and j + 1 < n and _number_word(toks[j + 1].key):
                        pass
                    else:
                        break
                    j += 1
        if value is None:
            i += 1
            continue
        if k == "one":
            # "one source" for "a person", "one of them said": not a quantity that changed.
            i = j
            continue
        # Scales after digits: "2.5 million".
        while j < n and toks[j].key in _SCALES:
            value *= _SCALES[toks[j].key]
            j += 1
        # What it counts: up to four words, ending at the first plural noun.
        noun_end = j
        head = None
        if unit_key is None:
            m = j
            while m < n and m < j + 4 and toks[m].word and toks[m].key not in _NOT_COUNTED:
                if toks[m].key in ("percent", "per"):
                    head, noun_end = "percent", m + 1 + (toks[m].key == "per")
                    break
                if _plural(toks[m].key) or (value == 1 and m == j):
                    head, noun_end = toks[m].key, m + 1
                    break
                m += 1
            if head is None and j < n and toks[j].word and toks[j].key not in _NOT_COUNTED:
                head, noun_end = toks[j].key, j + 1
            if head in _UNIT_YEARS:
                value *= _UNIT_YEARS[head]
                head = "year"
            if k.endswith("%"):
                head = "percent"
        else:
            head = unit_key
        start = i
        for q in _QUALIFIERS:
            if start >= len(q) and tuple(x.key for x in toks[start - len(q) : start]) == q:
                start -= len(q)
                break
        qualifier = " ".join(x.key for x in toks[start:i])
        stem = _stem(head.rstrip("s") if head and head != "people" else head) if head else ""
        key = (qualifier, value, stem)
        out.append((key, toks[start].start, toks[noun_end - 1].end))
        i = noun_end
    return out


# -- hedges -------------------------------------------------------------------

_HEDGES = frozenset(
    """reportedly allegedly apparently purportedly supposedly reputedly seemingly ostensibly
    likely unlikely probably possibly perhaps presumably may might could believed suspected
    alleged unconfirmed unverified quickly rapidly swiftly immediately soon certainly clearly
    definitely officially""".split()
)
_HEDGE_PHRASES = (
    ("so", "far"),
    ("appears", "to"),
    ("appeared", "to"),
    ("seems", "to"),
    ("seemed", "to"),
)
_NEGATIONS = frozenset(("not", "never"))


def _hedges(toks: list[_Tok]) -> list[_Mention]:
    """Qualifiers that change how sure or how fast a claim is: "reportedly", "quickly"."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        k = t.key
        if not t.word:
            continue
        for phrase in _HEDGE_PHRASES:
            if k == phrase[0] and tuple(x.key for x in toks[i : i + len(phrase)]) == phrase:
                out.append((" ".join(phrase), t.start, toks[i + len(phrase) - 1].end))
        if k not in _HEDGES:
            continue
        if k == "may" and t.text[0].isupper():
            continue  # the month, or a name
        # "could not" states inability, not doubt.
        if k in ("could", "may", "might") and i + 1 < n and toks[i + 1].key in _NEGATIONS:
            continue
        out.append((k, t.start, t.end))
    return out


# -- quotes -------------------------------------------------------------------

_OPENERS = {"“": "”", "«": "»", "„": "“"}
_CLOSERS = frozenset("”»")
_QUOTE_MARK = re.compile('[“”«»„"]')


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Inside offsets of quoted passages.

    Curly and guillemet quotes say which side they are; a straight quote opens
    after a space or an opening bracket and closes otherwise.  A quote left
    open runs to the end of the sentence, and a closing quote with no opening
    one closes a passage that began in an earlier sentence.
    """
    spans = []
    start = None  # inside offset of the open passage
    closer = ""
    for m in _QUOTE_MARK.finditer(text):
        k = m.start()
        ch = text[k]
        if start is None:
            before = text[k - 1] if k else " "
            if ch in _OPENERS:
                start, closer = k + 1, _OPENERS[ch]
            elif ch == '"' and (before.isspace() or before in "([—–-:"):
                start, closer = k + 1, '"'
            elif (ch in _CLOSERS or ch == '"') and not spans and text[:k].strip():
                spans.append((0, k))
        elif ch == closer or (closer == "“" and ch == "”"):
            spans.append((start, k))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _words(text: str) -> list[str]:
    return [fold(m) for m in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text)]


def _content(words: list[str]) -> set[str]:
    return {_stem(w) for w in words if w not in CONTENT_STOPWORDS}


def _quotes(text: str) -> list[_Mention]:
    """Quoted passages (offsets of the inside); an unclosed quote runs to the sentence end."""
    out = []
    for start, end in _quote_spans(text):
        inner = text[start:end]
        words = _words(inner)
        if not words:
            continue
        # Trim the punctuation a quote often takes in (“groups.”).
        stripped = inner.rstrip(" .,;:!?")
        lead = len(stripped) - len(stripped.lstrip())
        out.append((tuple(words), start + lead, start + len(stripped)))
    return out


# -- attribution --------------------------------------------------------------

_SAYING = frozenset(
    """said says told tells reported reports stated states added noted claimed claims
    confirmed announced announces insisted explained wrote writes quoted""".split()
)
_CLAUSE_STARTS = frozenset("that and but while as because when if so then".split())
_RELATIVE = frozenset("who which whom whose".split())
_PRONOUNS = frozenset("he she they it we i you one someone officials".split()) - {"officials"}
_SOURCE_MAX = 12
_TIME_WORDS = _WEEKDAYS | _RELATIVE_DAYS | _PERIODS | _TIME_MODIFIERS


def _source_key(words: list[str]) -> frozenset[str]:
    """Content stems that identify a source; pronouns and times say nothing about who."""
    return frozenset(
        _stem(w)
        for w in words
        if w not in CONTENT_STOPWORDS
        and w not in _TIME_WORDS
        and w not in _PRONOUNS
        and w not in _MONTHS
        and _number_word(w) is None
        and not w[:1].isdigit()
    )


_AUXILIARIES = frozenset("have has had is was are were has been had been also".split())


def _segment_back(toks: list[_Tok], end: int) -> tuple[int, int]:
    """Token range of the words just before ``end``, back to clause punctuation
    ("Experts have said": the source is "Experts")."""
    while end > 0 and toks[end - 1].key in _AUXILIARIES:
        end -= 1
    i = end
    while i > 0 and end - i < _SOURCE_MAX:
        t = toks[i - 1]
        if _is_break(t) or t.key in _CLAUSE_STARTS or t.key in ("said", "told"):
            break
        i -= 1
    return i, end


def _segment_forward(toks: list[_Tok], start: int) -> tuple[int, int]:
    j = start
    while j < len(toks) and j - start < _SOURCE_MAX:
        t = toks[j]
        if _is_break(t) or t.key in _CLAUSE_STARTS or t.key in _SAYING:
            break
        j += 1
    return start, j


def _attributions(toks: list[_Tok]) -> list[_Mention]:
    """Who a claim is credited to: "two people said", "according to X", "said X", "told X"."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        k = t.key
        if k == "according" and i + 1 < n and toks[i + 1].key == "to":
            s, e = _segment_forward(toks, i + 2)
        elif k == "citing":
            s, e = _segment_forward(toks, i + 1)
        elif k in _SAYING:
            s, e = _segment_back(toks, i)
            if s == e and i >= 2 and toks[i - 1].text == ",":
                # "X, who declined to be named, said": the source is before the relative clause.
                rs, re_ = _segment_back(toks, i - 1)
                if rs < re_ and toks[rs].key in _RELATIVE and rs >= 2 and toks[rs - 1].text == ",":
                    s, e = _segment_back(toks, rs - 1)
            if s == e:  # '..." said Ruslan Pukhov': the source follows
                s, e = _segment_forward(toks, i + 1)
                if s < e and toks[s].key in ("that", "it"):
                    continue
            elif k in ("told", "quoted") and i + 1 < n and toks[i + 1].text[:1].isupper():
                # The outlet told is a source too: "two sources told Bloomberg".
                cs = ce = i + 1
                while ce < n and toks[ce].word and toks[ce].text[:1].isupper():
                    ce += 1
                words = [x.key for x in toks[cs:ce] if x.word]
                if words:
                    out.append((_source_key(words), toks[cs].start, toks[ce - 1].end))
        else:
            continue
        words = [x.key for x in toks[s:e] if x.word]
        if not words:
            continue
        out.append((_source_key(words), toks[s].start, toks[e - 1].end))
    return sorted(out, key=lambda m: m[1])


# -- names --------------------------------------------------------------------

_ALL_STOPWORDS = CONTENT_STOPWORDS | frozenset(
    "mr mrs ms dr the a an president minister leader spokesman spokesperson".split()
)


def _names(
    capitals: list, doc_names: dict[str, tuple[int, int]], lowercase: frozenset[str]
) -> list[_Mention]:
    """Capitalised words that are names, with whether the article also capitalises
    them mid-sentence (a sentence-initial word the article never writes in lower
    case may be a name too, "Puhkov said", but is less sure)."""
    out = []
    for key, start, _end, initial in capitals:
        sure = not initial or key in doc_names
        if not sure and key in lowercase:
            continue
        for part in key.split("-") if "-" in key else (key,):
            if len(part) >= 2 and part not in ("al", "el", "bin", "ibn"):
                offset = key.find(part)
                out.append((part, start + offset, start + offset + len(part), sure))
    return out


def name_variant(x: str, y: str) -> bool:
    """Whether two folded names are one name spelled two ways.

    One edit (transpositions included) when the longer has five letters or
    more, two when both have eight; never when one is the other plus a
    suffix ("Russia" / "Russian", "Syria" / "Syrian"), which is another word.
    """
    if x == y or min(len(x), len(y)) < 4 or max(len(x), len(y)) < 5:
        return False
    if x.startswith(y) or y.startswith(x):
        return False
    limit = 2 if min(len(x), len(y)) >= 8 else 1
    return OSA.distance(x, y, score_cutoff=limit) <= limit


# -- sides --------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """What one sentence mentions, by kind (offsets relative to the sentence)."""

    tokens: list[_Tok]
    numbers: list[_Mention]
    times: list[_Mention]
    hedges: list[_Mention]
    quotes: list[_Mention]
    attributions: list[_Mention]
    words: list[str]  # word keys in order
    unquoted: frozenset[str]  # word keys outside quotation marks
    capitals: list[tuple[str, int, int, bool]]  # capitalised words: key, offsets, initial
    stems: frozenset[str]
    unquoted_stems: frozenset[str]


@lru_cache(maxsize=100_000)
def _found(text: str) -> _Found:
    toks = _tokens(text)
    times = _times(toks)
    taken = (
        {k for _, s, e in times for k, t in enumerate(toks) if s <= t.start and t.end <= e}
        if times
        else set()
    )
    quotes = _quotes(text)
    words = [t.key for t in toks if t.word]
    if quotes:
        inside = [(a, b) for _, a, b in quotes]
        unquoted = frozenset(
            t.key for t in toks if t.word and not any(a <= t.start < b for a, b in inside)
        )
    else:
        unquoted = frozenset(words)
    stems = frozenset(_content(words))
    return _Found(
        tokens=toks,
        numbers=_numbers(toks, taken),
        times=times,
        hedges=_hedges(toks),
        quotes=quotes,
        attributions=_attributions(toks),
        words=words,
        unquoted=unquoted,
        capitals=[
            (t.key, t.start, t.end, t.initial)
            for t in toks
            if t.word and t.text[:1].isupper() and t.key not in _ALL_STOPWORDS
        ],
        stems=stems,
        unquoted_stems=frozenset(_content(list(unquoted))) if quotes else stems,
    )


_DOC_NAMES: dict[int, tuple] = {}
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _doc_names(doc: Document) -> tuple[dict[str, tuple[int, int]], frozenset[str]]:
    """Words the article capitalises somewhere other than at a sentence start,
    with the offsets of the first such use."""
    hit = _DOC_NAMES.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1], hit[2]
    names: dict[str, tuple[int, int]] = {}
    lowercase = set()
    for s in doc.sentences:
        first = True
        for m in _WORD.finditer(s.text):
            raw = m.group()
            if not raw[0].isupper():
                lowercase.add(raw)
            elif not first:
                key = _key(raw)
                if key not in names:
                    names[key] = (s.start + m.start(), s.start + m.end())
            first = False
    lowercase = {_key(w) for w in lowercase}
    if len(_DOC_NAMES) > 64:
        _DOC_NAMES.clear()
    _DOC_NAMES[id(doc)] = (doc, names, frozenset(lowercase))
    return names, frozenset(lowercase)


class _Side:
    """One article's sentences in a group, with every mention at absolute offsets."""

    def __init__(self, doc: Document, sentences: list[int]) -> None:
        self.doc = doc
        self.text = doc.text
        spans = [doc.sentences[s] for s in sorted(sentences)]
        self.origin = spans[0].start if spans else 0
        self.keys: tuple[str, ...] = tuple(s.text for s in spans)
        self.numbers: list = []
        self.times: list = []
        self.hedges: list = []
        self.quotes: list = []
        self.attributions: list = []
        self.names: list = []
        doc_names, lowercase = _doc_names(doc)
        found = [(_found(s.text), s.start) for s in spans]
        for f, base in found:
            for attr in ("numbers", "times", "hedges", "quotes", "attributions"):
                mentions = getattr(f, attr)
                if mentions:
                    getattr(self, attr).extend((k, a + base, b + base) for k, a, b in mentions)
            self.names.extend(
                (k, a + base, b + base, sure)
                for k, a, b, sure in _names(f.capitals, doc_names, lowercase)
            )
        if len(found) == 1:
            f = found[0][0]
            self.word_set = set(f.words)
            self.unquoted = f.unquoted
            self.stems = f.stems
            self.unquoted_stems = f.unquoted_stems
        else:
            self.word_set = {w for f, _ in found for w in f.words}
            self.unquoted = frozenset().union(*(f.unquoted for f, _ in found))
            self.stems = frozenset().union(*(f.stems for f, _ in found))
            self.unquoted_stems = frozenset().union(*(f.unquoted_stems for f, _ in found))

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]


# -- comparing two sides -------------------------------------------------------


def _leftovers(xs: list, ys: list, same) -> tuple[list, list]:
    """Mentions of each side with no equal on the other (as multisets)."""
    left_y = list(ys)
    left_x = []
    for x in xs:
        for k, y in enumerate(left_y):
            if same(x[0], y[0]):
                del left_y[k]
                break
        else:
            left_x.append(x)
    return left_x, left_y


def _equal(x, y) -> bool:
    return x == y


class _Pair:
    def __init__(self, a: int, b: int, side_a: _Side, side_b: _Side) -> None:
        self.a, self.b = a, b
        self.sa, self.sb = side_a, side_b
        self.out: list[Divergence] = []

    def emit(self, kind: str, change: str, x=None, y=None) -> None:
        sa, sb = self.sa, self.sb
        a_start, a_end = (x[1], x[2]) if x else (sa.origin, sa.origin)
        b_start, b_end = (y[1], y[2]) if y else (sb.origin, sb.origin)
        self.out.append(
            Divergence(
                kind,
                change,
                self.a,
                self.b,
                sa.slice(a_start, a_end),
                sb.slice(b_start, b_end),
                a_start,
                a_end,
                b_start,
                b_end,
            )
        )

    def simple(self, kind: str, xs: list, ys: list, pair_in_order: bool) -> None:
        left_a, left_b = _leftovers(xs, ys, _equal)
        if pair_in_order:
            for x, y in zip(left_a, left_b):
                self.emit(kind, CHANGES, x, y)
            k = min(len(left_a), len(left_b))
            left_a, left_b = left_a[k:], left_b[k:]
        for x in left_a:
            self.emit(kind, DROPS, x, None)
        for y in left_b:
            self.emit(kind, ADDS, None, y)

    def numbers(self) -> None:
        left_a, left_b = _leftovers(self.sa.numbers, self.sb.numbers, _equal)
        pairs = []
        for x in list(left_a):
            _, va, ha = x[0]
            best = None
            for y in left_b:
                _, vb, hb = y[0]
                if ha and ha == hb:
                    best = y
                    break
                if va == vb and best is None:
                    sources = {_stem(w) for w in SOURCE_NOUNS}
                    if not ha or not hb or (ha in sources and hb in sources):
                        best = y
            if best is not None:
                pairs.append((x, best))
                left_a.remove(x)
                left_b.remove(best)
        for x, y in pairs:
            self.emit(NUMBER, CHANGES, x, y)
        for x in left_a:
            self.emit(NUMBER, DROPS, x, None)
        for y in left_b:
            self.emit(NUMBER, ADDS, None, y)

    def hedges(self) -> None:
        self.simple(HEDGE, self.sa.hedges, self.sb.hedges, pair_in_order=False)

    def times(self) -> None:
        left_a, left_b = _leftovers(self.sa.times, self.sb.times, _equal)
        if left_a and left_b:
            self.ops = self.ops or self.get_ops()
        for x in list(left_a):
            y = next((y for y in left_b if self._same_place(x, y)), None)
            if y is not None:
                self.emit(TIME, CHANGES, x, y)
                left_a.remove(x)
                left_b.remove(y)
        for x in left_a:
            self.emit(TIME, DROPS, x, None)
        for y in left_b:
            self.emit(TIME, ADDS, None, y)

    def _same_place(self, x, y) -> bool:
        """Whether the diff lines ``x`` up with ``y``: they touch the two sides of one
        op that is either kept text or a short rewording, not a rewritten clause."""
        for op in self.ops:
            if not (_touches(op.a_start, op.a_end, x) and _touches(op.b_start, op.b_end, y)):
                continue
            if op.tag == "equal" or (len(_words(op.a)) <= 4 and len(_words(op.b)) <= 4):
                return True
        return False

    def attributions(self) -> None:
        def same(x: frozenset, y: frozenset) -> bool:
            if not x or not y:  # "he", "one of them": the same source as far as text tells
                return True
            return len(x & y) * 2 >= min(len(x), len(y))

        left_a, left_b = _leftovers(self.sa.attributions, self.sb.attributions, same)
        # A source the other version names anyway (in another role) has not changed.
        left_a = [x for x in left_a if not x[0] <= self.sb.stems]
        left_b = [y for y in left_b if not y[0] <= self.sa.stems]
        for x, y in zip(left_a, left_b):
            self.emit(ATTRIBUTION, CHANGES, x, y)
        k = min(len(left_a), len(left_b))
        for x in left_a[k:]:
            self.emit(ATTRIBUTION, DROPS, x, None)
        for y in left_b[k:]:
            self.emit(ATTRIBUTION, ADDS, None, y)

    def quotes(self) -> None:
        qa, qb = self.sa.quotes, self.sb.quotes
        used: set[int] = set()
        for x in qa:
            best, best_score = None, 0.0
            wx = set(x[0])
            for k, y in enumerate(qb):
                if k in used:
                    continue
                wy = set(y[0])
                score = 2 * len(wx & wy) / (len(wx) + len(wy))
                if score > best_score:
                    best, best_score = k, score
            if best is not None and best_score >= 0.34:
                used.add(best)
                if x[0] != qb[best][0]:
                    self.emit(QUOTE, CHANGES, x, qb[best])
            elif self._reported(x, self.sb):
                self.emit(QUOTE, TO_REPORTED, x, None)
            elif self._stated(x, self.sb):
                self.emit(QUOTE, DROPS, x, None)
        for k, y in enumerate(qb):
            if k in used:
                continue
            if self._reported(y, self.sa):
                self.emit(QUOTE, TO_QUOTE, None, y)
            elif self._stated(y, self.sa):
                self.emit(QUOTE, ADDS, None, y)

    @staticmethod
    def _reported(quote, other: _Side) -> bool:
        """Most of the quote's words stand in the other version outside quotation marks."""
        content = _content(list(quote[0]))
        if len(content) < 2:
            return False
        return len(content & other.unquoted_stems) >= 0.5 * len(content)

    @staticmethod
    def _stated(quote, other: _Side) -> bool:
        """The quote has substance the other version lacks altogether."""
        content = _content(list(quote[0]))
        return bool(content) and len(content & other.stems) < 0.6 * len(content)

    def names(self) -> None:
        na = {m[0] for m in self.sa.names}
        nb = {m[0] for m in self.sb.names}
        only_a = [x for x in self.sa.names if x[0] not in self.sb.word_set]
        only_b = [y for y in self.sb.names if y[0] not in self.sa.word_set]
        done: set[tuple[str, str]] = set()
        for x in only_a:
            for y in only_b:
                pair = (x[0], y[0])
                if pair not in done and name_variant(*pair):
                    done.add(pair)
                    self.emit(NAME, VARIANT, x, y)
        # A spelling this version uses here and the other uses elsewhere in the
        # article ("He said" here, "Pukhov" a sentence earlier): offsets point there.
        flagged = {p[0] for p in done} | {p[1] for p in done}
        for mine, other, doc, mine_is_a in (
            (only_b, self.sa, self.sa.doc, False),
            (only_a, self.sb, self.sb.doc, True),
        ):
            elsewhere = _doc_names(doc)[0]
            for m in mine:
                if m[0] in flagged or m[0] in elsewhere:
                    continue
                for key, (start, end) in elsewhere.items():
                    if key not in other.word_set and name_variant(m[0], key):
                        far = (key, start, end, True)
                        x, y = (m, far) if mine_is_a else (far, m)
                        self.emit(NAME, VARIANT, x, y)
                        flagged.update((m[0], key))
                        break
        # One name swapped for another in the same place ("Iran" -> "Iraq").
        for op in self.ops:
            if op.tag != "replace" or op.minor:
                continue
            wa, wb = _words(op.a), _words(op.b)
            if len(wa) != 1 or len(wb) != 1:
                continue
            ka, kb = wa[0], wb[0]
            if ka in flagged or kb in flagged or ka not in na or kb not in nb:
                continue
            if ka in self.sb.word_set or kb in self.sa.word_set:
                continue
            x = next(
                (m for m in self.sa.names if m[0] == ka and op.a_start <= m[1] < op.a_end), None
            )
            y = next(
                (m for m in self.sb.names if m[0] == kb and op.b_start <= m[1] < op.b_end), None
            )
            if x and y and x[3] and y[3]:  # both surely names, not a reworded sentence opening
                self.emit(NAME, CHANGES, x, y)

    ops: tuple = ()
    get_ops = staticmethod(tuple)


def _touches(start: int, end: int, mention) -> bool:
    if start == end:
        return mention[1] <= start <= mention[2]
    return start < mention[2] and mention[1] < end


def _pair_diff_ops(group: Group, a: int, b: int, documents: list[Document]):
    """The word-diff ops between ``a`` and ``b`` oriented a -> b (computed if missing)."""
    for pd in group.diffs:
        if (pd.a, pd.b) == (a, b):
            return pd.ops
        if (pd.a, pd.b) == (b, a):
            return tuple(_flip(op) for op in pd.ops)
    from sidebyside.engine.diff import diff_pair

    return diff_pair(documents, group.members, a, b).ops


def _flip(op):
    from sidebyside.engine.model import DiffOp

    tag = {"insert": "delete", "delete": "insert"}.get(op.tag, op.tag)
    return DiffOp(tag, op.b, op.a, op.b_start, op.b_end, op.a_start, op.a_end, op.minor)


_ORDER = {k: n for n, k in enumerate(KINDS)}


def classify_pair(
    documents: list[Document], group: Group, a: int, b: int, sides: dict | None = None
) -> tuple[Divergence, ...]:
    """Labelled differences of ``b``'s version of ``group`` against ``a``'s."""
    sides = {} if sides is None else sides
    for d in (a, b):
        if d not in sides:
            sides[d] = _Side(documents[d], group.sentences_of(d))
    sa, sb = sides[a], sides[b]
    if sa.keys == sb.keys or not sa.keys or not sb.keys:
        return ()
    pair = _Pair(a, b, sa, sb)
    pair.get_ops = lambda: _pair_diff_ops(group, a, b, documents)
    pair.numbers()
    pair.times()
    pair.hedges()
    pair.attributions()
    pair.quotes()
    na = {m[0] for m in sa.names}
    nb = {m[0] for m in sb.names}
    if na != nb:
        pair.ops = pair.ops or pair.get_ops()
        pair.names()
    return tuple(
        sorted(pair.out, key=lambda d: (d.a_start if d.a_text else d.b_start, _ORDER[d.kind]))
    )


def classify_group(
    documents: list[Document], group: Group, pairs: list[tuple[int, int]] | None = None
) -> tuple[Divergence, ...]:
    """Labelled differences of a group, for every pair of its articles (``a < b``)
    or for the given ``pairs`` (oriented as given, e.g. reference first)."""
    docs = group.docs
    if len(docs) < 2:
        return ()
    if pairs is None:
        pairs = [(x, y) for n, x in enumerate(docs) for y in docs[n + 1 :]]
    # Versions often share a sentence word for word: classify each distinct pair
    # of one-sentence texts once and move the result onto the other articles.
    by_doc: dict[int, list[int]] = {}
    for m in group.members:
        by_doc.setdefault(m.doc, []).append(m.sentence)
    texts = {d: tuple(documents[d].sentences[s].text for s in sorted(v)) for d, v in by_doc.items()}
    sides: dict[int, _Side] = {}
    done: dict[tuple, tuple[int, int, tuple[Divergence, ...]]] = {}
    out: list[Divergence] = []
    for a, b in pairs:
        ta, tb = texts.get(a), texts.get(b)
        if ta == tb:
            continue
        single = ta is not None and tb is not None and len(ta) == 1 and len(tb) == 1
        hit = done.get((ta, tb)) if single else None
        if hit is not None:
            moved = _moved(documents, by_doc, hit, a, b)
            if moved is not None:
                out.extend(moved)
                continue
        result = classify_pair(documents, group, a, b, sides)
        if single:
            done[(ta, tb)] = (a, b, result)
        out.extend(result)
    return tuple(out)


def _moved(documents, by_doc, hit, a: int, b: int) -> list[Divergence] | None:
    """``hit``'s divergences re-anchored onto articles ``a`` and ``b`` (same texts), or
    None when one points outside its sentence (a spelling found elsewhere in the article)."""
    ra, rb, result = hit
    sa = documents[ra].sentences[by_doc[ra][0]]
    sb = documents[rb].sentences[by_doc[rb][0]]
    da = documents[a].sentences[by_doc[a][0]].start - sa.start
    db = documents[b].sentences[by_doc[b][0]].start - sb.start
    moved = []
    for d in result:
        if not (sa.start <= d.a_start <= d.a_end <= sa.end):
            return None
        if not (sb.start <= d.b_start <= d.b_end <= sb.end):
            return None
        moved.append(
            Divergence(
                d.kind,
                d.change,
                a,
                b,
                d.a_text,
                d.b_text,
                d.a_start + da,
                d.a_end + da,
                d.b_start + db,
                d.b_end + db,
            )
        )
    return moved
