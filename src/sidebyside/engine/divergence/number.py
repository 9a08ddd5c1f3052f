"""Numbers: quantities, read as values with a unit and a qualifier.

"three" and "3", "9%" and "9 percent", "50 basis points" and "half a
percentage point", "More than 1,100" and "Over 1,100", "5.7 earthquake" and
"magnitude 5.7" are one quantity each.  A label is a quantity that changed
("at least 20" / "19"), gained or lost a qualifier ("at least $40 million" /
"$40 million", "preliminary magnitude 5.7" / "magnitude 5.7"), or appeared or
vanished from something both versions count ("agents" / "two agents").
Numbers inside names ("Flightradar24", "Route 29", "COVID-19", "737-800"),
datelines and times are not quantities, and a count of sources that changes
with the source ("two people" / "officials") is an attribution, not a number.
A rounder figure that the exact one satisfies ("more than 4,000" / "4,120")
is the same quantity.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sidebyside.engine.divergence import attribution, time
from sidebyside.engine.divergence.labels import ADDS, CHANGES, DROPS, NUMBER
from sidebyside.engine.divergence.side import Finding, Placed, Side, found_in
from sidebyside.engine.divergence.text import Analysed, Token, TokenTest, Written, read_token
from sidebyside.engine.features import STOPWORDS, stem

KIND = NUMBER

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
    if w != "_"
}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_ORDINALS = {
    w: v
    for v, w in enumerate(
        "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
    if w != "_"
}
# Vague amounts, as the range they stand for.
_VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2e3, 9999),
    "millions": (2e6, 9.99e6),
    "billions": (2e9, 9.99e9),
}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}

# Qualifiers, by what they say about the value.
_QUALIFIERS = {
    "more than": ">",
    "over": ">",
    "above": ">",
    "in excess of": ">",
    "upwards of": ">",
    "just over": ">",
    "well over": ">",
    "at least": ">=",
    "no fewer than": ">=",
    "no less than": ">=",
    "a minimum of": ">=",
    "less than": "<",
    "fewer than": "<",
    "under": "<",
    "below": "<",
    "just under": "<",
    "up to": "<=",
    "as many as": "<=",
    "as much as": "<=",
    "at most": "<=",
    "no more than": "<=",
    "a maximum of": "<=",
    "nearly": "<~",
    "almost": "<~",
    "close to": "~",
    "about": "~",
    "around": "~",
    "roughly": "~",
    "approximately": "~",
    "some": "~",
    "an estimated": "~",
    "estimated": "~",
    "an approximate": "~",
    "preliminary": "preliminary",
    "a preliminary": "preliminary",
}


def _by_length(qualifiers: dict[str, str]) -> dict[int, dict[tuple[str, ...], str]]:
    """Qualifiers by their length in words, longest first (of one length, one can match)."""
    out: dict[int, dict[tuple[str, ...], str]] = {}
    for q, says in qualifiers.items():
        out.setdefault(len(q.split()), {})[tuple(q.split())] = says
    return dict(sorted(out.items(), reverse=True))


_QUALIFIER_WORDS = _by_length(_QUALIFIERS)
# Units: canonical name, dimension and factor to the dimension's base.
_UNITS = {
    "percent": ("%", "ratio", 0.01),
    "pct": ("%", "ratio", 0.01),
    "point": ("pp", "points", 1.0),
    "points": ("pp", "points", 1.0),
    "bp": ("pp", "points", 0.01),
    "bps": ("pp", "points", 0.01),
    "year": ("year", "duration", 365.25),
    "years": ("year", "duration", 365.25),
    "month": ("month", "duration", 30.44),
    "months": ("month", "duration", 30.44),
    "week": ("week", "duration", 7.0),
    "weeks": ("week", "duration", 7.0),
    "day": ("day", "duration", 1.0),
    "days": ("day", "duration", 1.0),
    "hour": ("hour", "duration", 1 / 24),
    "hours": ("hour", "duration", 1 / 24),
    "minute": ("minute", "duration", 1 / 1440),
    "minutes": ("minute", "duration", 1 / 1440),
    "decade": ("year", "duration", 3652.5),
    "decades": ("year", "duration", 3652.5),
    "century": ("year", "duration", 36525.0),
    "centuries": ("year", "duration", 36525.0),
    "foot": ("ft", "length", 0.3048),
    "feet": ("ft", "length", 0.3048),
    "mile": ("mi", "length", 1609.34),
    "miles": ("mi", "length", 1609.34),
    "meter": ("m", "length", 1.0),
    "meters": ("m", "length", 1.0),
    "metre": ("m", "length", 1.0),
    "metres": ("m", "length", 1.0),
    "kilometer": ("km", "length", 1000.0),
    "kilometers": ("km", "length", 1000.0),
    "kilometre": ("km", "length", 1000.0),
    "kilometres": ("km", "length", 1000.0),
    "km": ("km", "length", 1000.0),
    "inch": ("in", "length", 0.0254),
    "inches": ("in", "length", 0.0254),
    "acre": ("acre", "area", 4046.86),
    "acres": ("acre", "area", 4046.86),
    "hectare": ("ha", "area", 10000.0),
    "hectares": ("ha", "area", 10000.0),
    "dollar": ("$", "money", 1.0),
    "dollars": ("$", "money", 1.0),
    "euro": ("€", "money:eur", 1.0),
    "euros": ("€", "money:eur", 1.0),
}
_CURRENCY = {"$": "money", "us$": "money", "€": "money:eur", "£": "money:gbp"}
# Words that never start what a number counts ("one of them said", "14 of 20").
_NOT_COUNTED = frozenset("of said says told another other others day".split()) | STOPWORDS
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel crew".split())
_HEAD_MAX = 4
# What a story's counts say happened, by the stem of the word beside the figure.
_ROLES = {
    **dict.fromkeys(("kill", "dead", "die", "death", "fatal", "drown"), "dead"),
    **dict.fromkeys(("injur", "hurt", "wound", "hospit"), "injured"),
    **dict.fromkeys(("miss", "unaccount"), "missing"),
    **dict.fromkeys(("rescu", "save", "evacu"), "rescued"),
    **dict.fromkeys(("arrest", "detain"), "arrested"),
}
# Words between a figure and the word that says what happened ("three people are dead").
_BETWEEN_ROLE = frozenset(
    "people persons others workers passengers who that are were was is have has been still "
    "more".split()
)
_NEAR = 5
# A rounder figure stands for an exact one this close to it.
_ROUNDING = 0.12


class Quantity(NamedTuple):
    value: float | tuple[float, ...]  # in the dimension's base unit; a tally is a tuple
    dim: str  # "count", "ratio", "points", "money", "duration", "length", "ordinal", "tally", ...
    qualifier: str  # "" (exact), "~", ">", ">=", "<", "<=", "<~", "preliminary", "vague"
    head: str | None  # stem of what it counts ("firefight", "peopl")
    source: bool  # a count of the sources a claim is credited to
    s: int
    e: int
    near: frozenset[str]  # content stems around it, to pair it with its counterpart
    role: str | None = None  # what happened to what it counts ("dead", "injured", "missing")


def _number_word(k: str) -> int | None:
    if k in _SMALL:
        return _SMALL[k]
    return _TENS.get(k)


def _plural(key: str) -> bool:
    return key in _IRREGULAR_PLURALS or (
        len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is"))
    )


# Words a quantity can open with.
_STARTS = (
    frozenset(_SMALL)
    | frozenset(_TENS)
    | frozenset(_ORDINALS)
    | frozenset(_VAGUE)
    | frozenset(("a", "an", "one", "half", "quarter"))
)
_SUFFIXED = re.compile(r"^(\d+)(st|nd|rd|th|s|k|m|mn|bn|b|tn|bp|bps|pc|pct)$")


class _Reader:
    """Reads quantities off one sentence's tokens."""

    def __init__(self, sentence: Analysed) -> None:
        self.sentence = sentence
        self.toks = sentence.tokens
        self.n = len(self.toks)
        found_in(sentence, time.KIND, time.find)
        self.taken = time.taken(sentence)
        self._sources: list[tuple[int, int]] | None = None

    @property
    def sources(self) -> list[tuple[int, int]]:
        """Where the sentence's sources stand (read only once a quantity counts something)."""
        if self._sources is None:
            self._sources = attribution.places(self.sentence)
        return self._sources

    def tok(self, j: int) -> Token | None:
        return self.toks[j] if 0 <= j < self.n else None

    def glued_digits(self, j: int) -> bool:
        t = self.tok(j)
        return t is not None and t.glued and t.digits

    def digits_at(self, i: int) -> tuple[float, int] | None:
        """A written number at ``i``: "1,100", "6.75", "87"; None for dates and versions."""
        toks = self.toks
        text = toks[i].text
        j = i + 1
        value_text = text
        while (
            j + 1 < self.n
            and toks[j].key == ","
            and toks[j].glued
            and self.glued_digits(j + 1)
            and len(toks[j + 1].text) == 3
        ):
            value_text += toks[j + 1].text
            j += 2
        if j + 1 < self.n and toks[j].key == "." and toks[j].glued and self.glued_digits(j + 1):
            value_text += "." + toks[j + 1].text
            j += 2
            if (
                j + 1 < self.n
                and toks[j].key in (".", "/")
                and toks[j].glued
                and self.glued_digits(j + 1)
            ):
                return None  # "13.03.2025", "1.2.3"
        if (
            j + 1 < self.n
            and toks[j].key in ("/", ":")
            and toks[j].glued
            and self.glued_digits(j + 1)
        ):
            return None  # a date or a clock time
        return float(value_text), j

    def in_name(self, i: int) -> bool:
        """A number that is part of a name: "Route 29", "Flight C5 1187", "COVID-19",
        "Boeing 737-800", "Kentucky Route 15"."""
        prev = self.tok(i - 1)
        if prev is None or i <= self.sentence.body:
            return False
        if prev.key == "-" and prev.glued and self.toks[i].glued:
            before = self.tok(i - 2)
            return (
                before is not None
                and before.word
                and not before.digits
                and (before.capital or before.text.isupper())
            )
        if (
            prev.word
            and prev.capital
            and not prev.initial
            and prev.key not in time.MONTHS
            and prev.key not in time.WEEKDAYS
        ):
            return True
        # "KY 15", "C5 1187"
        return prev.word and prev.text.isupper() and len(prev.text) > 1 and not prev.digits

    def core(self, i: int):
        """The value at ``i``: (value, dim, end, qualifier hint, unit hint) or None."""
        toks = self.toks
        t = toks[i]
        k = t.key
        if t.digits:
            if self.in_name(i):
                return "skip", self._skip_digits(i)
            got = self.digits_at(i)
            if got is None:
                return "skip", self._skip_digits(i)
            value, j = got
            nxt = self.tok(j)
            # "5-2" (a vote), "737-800" (a model)
            if nxt is not None and nxt.key == "-" and nxt.glued and self.glued_digits(j + 1):
                other = toks[j + 1].text
                if len(t.text) <= 2 and len(other) <= 2:
                    return (value, float(other)), "tally", j + 2, "", None
                return "skip", j + 2
            return value, None, j, "", None
        m = _SUFFIXED.match(k)
        if m and t.word:
            value = float(m.group(1))
            suffix = m.group(2)
            if suffix in ("st", "nd", "rd", "th"):
                return value, "ordinal", i + 1, "", None
            if suffix == "s":
                return "skip", i + 1  # "1990s", "800s"
            if suffix in _SUFFIX_SCALES:
                return value * _SUFFIX_SCALES[suffix], None, i + 1, "", None
            if suffix in ("bp", "bps"):
                return value, None, i + 1, "", "bp"
            return value, None, i + 1, "", "percent"
        if not t.word:
            return None
        if k in _ORDINALS and not (i + 1 < self.n and toks[i + 1].key in ("half", "quarter")):
            prev = self.tok(i - 1)
            if prev is not None and prev.key in ("a", "one", "two") and k in ("third", "quarter"):
                pass
            else:
                return float(_ORDINALS[k]), "ordinal", i + 1, "", None
        if k in _VAGUE and not (i and toks[i - 1].key in ("a", "one")):
            return _VAGUE[k], None, i + 1, "vague", None
        if k in ("a", "an", "one") and i + 1 < self.n:
            k2 = toks[i + 1].key
            if (k2 in _SCALES and k2 != "hundred") or k2 == "hundred":
                return _SCALES[k2], None, i + 2, "", None
            if k2 == "dozen":
                return 12.0, None, i + 2, "", None
            if k2 in _FRACTIONS and k2 != "half":
                return _FRACTIONS[k2], "fraction", i + 2, "", None
            if (
                k2 in ("year", "month", "day", "week", "decade", "century")
                and i + 4 < self.n
                and toks[i + 2].key == "and"
                and toks[i + 3].key == "a"
                and toks[i + 4].key == "half"
            ):
                return 1.5, None, i + 5, "", k2  # "a year and a half"
            return None
        if k == "half":
            nxt = self.tok(i + 1)
            if nxt is not None and nxt.key in ("a", "an") and i + 2 < self.n:
                return 0.5, None, i + 2, "", None  # "half a percentage point", "half a century"
            if nxt is not None and nxt.key == "-" and nxt.glued:
                return 0.5, None, i + 1, "", None  # "half-point"
            return None
        if k == "quarter":
            nxt = self.tok(i + 1)
            if nxt is not None and nxt.key == "-" and nxt.glued:
                return 0.25, None, i + 1, "", None  # "quarter-point"
            return None
        v = _number_word(k)
        if v is None:
            return None
        value = float(v)
        j = i + 1
        # "twenty-five", "three hundred", "two million", "nine in 10"
        while j < self.n:
            tj = toks[j]
            if (
                tj.key == "-"
                and tj.glued
                and j + 1 < self.n
                and toks[j + 1].glued
                and value >= 20
                and value % 10 == 0
                and _SMALL.get(toks[j + 1].key, 10) < 10
            ):
                value += _SMALL[toks[j + 1].key]
                j += 2
            elif tj.key in _SCALES:
                value = max(value, 1) * _SCALES[tj.key]
                j += 1
            elif (
                tj.key == "and"
                and j + 1 < self.n
                and value >= 100
                and _number_word(toks[j + 1].key)
            ):
                j += 1
            elif (
                tj.word
                and value >= 20
                and value % 10 == 0
                and value < 100
                and 0 < _SMALL.get(tj.key, 10) < 10
            ):
                value += _SMALL[tj.key]
                j += 1
            else:
                break
        if k == "one" and j == i + 1:
            nxt = self.tok(j)
            if not (nxt is not None and nxt.key == "in") and not (
                nxt is not None and nxt.key == "-" and nxt.glued
            ):
                return "skip", j  # "one of them said", "one source": not a quantity
        # "two-thirds", "a third"
        nxt = self.tok(j)
        if (
            nxt is not None
            and nxt.key == "-"
            and nxt.glued
            and j + 1 < self.n
            and toks[j + 1].key in _FRACTIONS
        ):
            return value * _FRACTIONS[toks[j + 1].key], "fraction", j + 2, "", None
        return value, None, j, "", None

    def _skip_digits(self, i: int) -> int:
        j = i + 1
        while (
            j < self.n
            and self.toks[j].glued
            and (self.toks[j].digits or self.toks[j].key in ("-", ",", ".", ":", "/"))
            and not (self.toks[j].key in (",", ".") and not self.glued_digits(j + 1))
        ):
            j += 1
        return j

    def qualifier(self, i: int) -> tuple[str, int]:
        """The qualifier just before token ``i`` and where it starts."""
        toks = self.toks
        for length, qualifiers in _QUALIFIER_WORDS.items():
            s = i - length
            if s >= self.sentence.body:
                says = qualifiers.get(tuple(t.key for t in toks[s:i]))
                if says is not None:
                    return says, s
        return "", i

    def read(self, starts: list[int]) -> tuple[Quantity, ...]:
        toks = self.toks
        out: list[Quantity] = []
        after = 0  # first token not yet read into a quantity
        for i in starts:
            if i < after or i in self.taken:
                continue
            got = self.core(i)
            if got is None:
                continue
            if got[0] == "skip":
                after = max(got[1], i + 1)
                continue
            value, dim, j, hint, unit_hint = got
            start = i
            currency = None
            prev = self.tok(i - 1)
            if prev is not None and prev.key in _CURRENCY and i - 1 >= self.sentence.body:
                currency = _CURRENCY[prev.key]
                start = i - 1
                before = self.tok(i - 2)
                if (
                    prev.key == "$"
                    and before is not None
                    and before.key == "us"
                    and before.glued is False
                    and prev.glued
                ):
                    start = i - 2
            elif prev is not None and prev.key == "$":
                currency = "money"
            # "magnitude 5.7"
            unit_before = None
            if prev is not None and prev.key == "magnitude" and start == i:
                unit_before = "magnitude"
                start = i - 1
            # Scales after digits: "2.5 million", "$5 million".
            while j < self.n and toks[j].key in _SCALES and not isinstance(value, tuple):
                value = value * _SCALES[toks[j].key]
                j += 1
            while (
                j < self.n
                and toks[j].key in _SUFFIX_SCALES
                and toks[j].glued
                and not isinstance(value, tuple)
            ):
                value = value * _SUFFIX_SCALES[toks[j].key]
                j += 1
            head = None
            factor = 1.0
            end = j
            nxt = self.tok(j)
            if nxt is not None and nxt.key == "%" and not isinstance(value, tuple):
                dim, factor, end = "ratio", 0.01, j + 1
            elif unit_hint == "percent":
                dim, factor = "ratio", 0.01
            elif unit_hint in ("bp",):
                dim, factor = "points", 0.01
            elif unit_hint in _UNITS:
                _, dim, factor = _UNITS[unit_hint]
                head = unit_hint
            if dim is None or dim == "fraction":
                dim, factor, head, end = self.unit(j, dim, factor)
            if currency and dim in (None, "count"):
                dim = currency
            if dim is None:
                dim = "count"
            if unit_before:
                dim = "magnitude"
            if dim == "ordinal":
                head = self.noun_after(j)
            qualifier, qstart = self.qualifier(start)
            if hint == "vague":
                qualifier = "vague"
            if qstart < start:
                start = qstart
            if (
                qualifier == ""
                and self.tok(start - 1) is not None
                and self.toks[start - 1].key == "magnitude"
            ):
                pass
            if isinstance(value, tuple):
                stored = value
            elif qualifier == "vague":
                lo, hi = value
                stored = (lo * factor, hi * factor)
            else:
                stored = value * factor
            source = head is not None and any(s <= toks[i].start < e for s, e in self.sources)
            end_tok = max(end, j)
            out.append(
                Quantity(
                    stored,
                    dim,
                    qualifier,
                    head,
                    source,
                    toks[start].start,
                    toks[end_tok - 1].end,
                    self.near(start, end_tok),
                    _ROLES.get(head or "") or self.role(start, end_tok),
                )
            )
            after = end_tok
        return tuple(out)

    def noun_after(self, j: int) -> str | None:
        t = self.tok(j)
        if t is not None and t.word and t.key not in _NOT_COUNTED:
            return stem(t.key)
        return None

    def unit(self, j: int, dim, factor):
        """What the number counts, from ``j``: (dim, factor, head stem, end token)."""
        toks = self.toks
        # A compound: "25-basis-point", "four-year", "10-day", "half-point".
        if (
            j + 1 < self.n
            and toks[j].key == "-"
            and toks[j].glued
            and toks[j + 1].glued
            and toks[j + 1].word
        ):
            parts = []
            m = j
            while m + 1 < self.n and toks[m].key == "-" and toks[m + 1].word and toks[m + 1].glued:
                parts.append(toks[m + 1].key)
                m += 2
            key = parts[-1] if parts else ""
            if "basis" in parts:
                return "points", 0.01 * (factor if dim == "fraction" else 1.0), "pp", m
            if key in _UNITS:
                _, d, f = _UNITS[key]
                return d, f, stem(key) if d not in ("points",) else "pp", m
            if parts[:2] == ["year", "old"]:
                return "age", 1.0, "age", m
            return dim or "count", factor, stem(key) if key else None, m
        # "percentage point(s)", "basis points", "per cent", "percent"
        k0 = toks[j].key if j < self.n else ""
        k1 = toks[j + 1].key if j + 1 < self.n else ""
        if k0 in ("percent", "pct") or (k0 == "per" and k1 == "cent"):
            return (
                "ratio",
                0.01 * (factor if dim == "fraction" else 1.0),
                None,
                j + (2 if k0 == "per" else 1),
            )
        if k0 == "percentage" and k1 in ("point", "points"):
            return "points", 1.0 * (factor if dim == "fraction" else 1.0), "pp", j + 2
        if k0 == "basis" and k1 in ("point", "points"):
            return "points", 0.01, "pp", j + 2
        if k0 in ("point", "points") and dim != "fraction":
            return "points", 1.0, "pp", j + 1
        # "nine in 10", "one in five"
        if k0 == "in" and j + 1 < self.n and j + 1 not in self.taken:
            got = self.core(j + 1)
            if (
                got is not None
                and got[0] != "skip"
                and not isinstance(got[0], tuple)
                and got[0]
                and got[1] is None
                and got[0] <= 100
            ):
                return "ratio", 1.0 / got[0], None, got[2]
        if dim == "fraction":
            return "ratio", 1.0, None, j
        if k0 in _UNITS:
            _, d, f = _UNITS[k0]
            return d, f, stem(k0), j + 1
        # What it counts: up to four words, ending at the first plural noun (emphasis
        # marks in between are no words: "*three* people").
        while j < self.n and toks[j].key in ("*", "_"):
            j += 1
        m = j
        while m < self.n and m < j + _HEAD_MAX and toks[m].word and toks[m].key not in _NOT_COUNTED:
            if toks[m].key in _UNITS:
                _, d, f = _UNITS[toks[m].key]
                return d, f, stem(toks[m].key), m + 1
            if _plural(toks[m].key):
                return "count", 1.0, stem(toks[m].key), m + 1
            m += 1
        if j < self.n and toks[j].word and toks[j].key not in _NOT_COUNTED:
            return "count", 1.0, stem(toks[j].key), j + 1
        return None, 1.0, None, j

    def role(self, first: int, last: int) -> str | None:
        """What the sentence says happened to what is counted, told by the word just before
        the figure ("killing three", "injures at least 20") or just after it ("two
        missing", "three people are dead")."""
        toks = self.toks
        if first > self.sentence.body and toks[first - 1].word:
            role = _ROLES.get(stem(toks[first - 1].key))
            if role is not None:
                return role
        j = last
        while j < min(self.n, last + 4) and toks[j].word and toks[j].key in _BETWEEN_ROLE:
            j += 1
        if j < self.n and toks[j].word:
            return _ROLES.get(stem(toks[j].key))
        return None

    def near(self, first: int, last: int) -> frozenset[str]:
        toks = self.toks
        window = toks[max(self.sentence.body, first - _NEAR) : first] + toks[last : last + _NEAR]
        anchors = [_ANCHORS[t.text] for t in window]
        return frozenset([a for a in anchors if a is not None])


def _anchor(raw: str) -> str | None:
    """What a word near a quantity says of it: its stem, or a figure's value ("Fourteen
    of 19" / "14 of 20": the figures around it anchor it too); None for a function word."""
    key, word, _, digits = read_token(raw)
    if not word or key in STOPWORDS:
        return None
    value = _number_word(key)
    if digits or value is not None:
        return f"#{int(key) if digits else value}"
    return stem(key)


_ANCHORS = TokenTest(_anchor)


def find(sentence: Analysed) -> tuple[Quantity, ...]:
    body = sentence.body
    starts = [k for k, t in enumerate(sentence.tokens[body:], body) if _OPENS[t.key]]
    if not starts:
        return ()
    return _Reader(sentence).read(starts)


# Keys a quantity can open with: a figure or a number word.
_OPENS = TokenTest(lambda k: k[:1].isdigit() or k in _STARTS)


_COMMON = frozenset("a an of to up as at no in one".split())
_TRIGGERS = (
    _STARTS
    | frozenset(_SCALES)
    | frozenset(_UNITS)
    | frozenset(_FRACTIONS)
    | frozenset(
        ("dozen", "percent", "per", "cent", "percentage", "basis", "%", "$", "€", "£", "magnitude")
    )
    | frozenset(w for q in _QUALIFIERS for w in q.split())
) - _COMMON


def touches(changed: frozenset[str], written: list[Written]) -> bool:
    """Whether a change of these written tokens can change what this kind finds: a figure
    or a qualifier changed, or a figure stands next to words that changed (what it counts)."""
    if any(map(_TRIGGERED.__getitem__, changed)):
        return True
    return bool(changed) and any(x.get(KIND, _has_figure) for x in written)


_TRIGGERED = TokenTest(lambda w: w[:1].isdigit() or w.casefold() in _TRIGGERS)
_NUMBER_WORDS = frozenset(_SMALL) | frozenset(_TENS) | frozenset(_ORDINALS) - {"one"}


def _has_figure(written: Written) -> bool:
    return any(map(_FIGURE.__getitem__, written.distinct))


_FIGURE = TokenTest(lambda w: w[:1].isdigit() or w.casefold() in _NUMBER_WORDS)


# -- comparing -----------------------------------------------------------------

_APPROXIMATE = {
    "~": (0.9, 1.1),
    "<~": (0.85, 1.0),
    ">": (1.0, 1.2),
    ">=": (1.0, 1.2),
    "<": (0.8, 1.0),
    "<=": (0.0, 1.0),
}


def _dims_agree(x: Quantity, y: Quantity) -> bool:
    dx, dy = x.dim, y.dim
    if dx == dy:
        return True
    pair = {dx, dy}
    return pair <= {"ratio", "fraction"} or (pair <= {"count", "money"} and False)


def _value_equal(x: Quantity, y: Quantity) -> bool:
    vx, vy = x.value, y.value
    if isinstance(vx, tuple) or isinstance(vy, tuple):
        return vx == vy
    tolerance = 0.01 if x.dim in ("duration", "length", "area") else 1e-9
    return abs(vx - vy) <= tolerance * max(abs(vx), abs(vy), 1e-12)


def _consistent(exact: Quantity, rounded: Quantity) -> bool:
    """Whether a rounder, qualified figure stands for the exact one ("more than 4,000" /
    "4,120", "nearly nine in 10" / "87%")."""
    v = exact.value
    if isinstance(v, tuple) or exact.qualifier == "vague":
        return False
    if rounded.qualifier == "vague":
        # "dozens" holds "37" and "at least 37" alike: a range, kept as a tuple.
        lo, hi = rounded.value
        return lo <= v <= hi
    if exact.qualifier or isinstance(rounded.value, tuple):
        return False
    bounds = _APPROXIMATE.get(rounded.qualifier)
    if bounds is None:
        return False
    r = rounded.value
    lo, hi = bounds
    inside = r * lo <= v <= r * hi if rounded.qualifier != "<=" else v <= r
    return inside and abs(v - r) <= _ROUNDING * max(abs(r), 1e-12)


def same(x: Quantity, y: Quantity) -> bool:
    """One quantity in both versions (same value and qualifier, or a rounding of it)."""
    if not _dims_agree(x, y) or x.source != y.source:
        return False
    if _value_equal(x, y):
        return _qualifier_class(x.qualifier) == _qualifier_class(y.qualifier)
    return _consistent(x, y) or _consistent(y, x) or _bound_near(x, y) or _bound_near(y, x)


def _bound_near(approximate: Quantity, bound: Quantity) -> bool:
    """A round figure and a bound just beside it: "About 40" / "at least 41" (two bounds,
    "more than 30" / "at least 41", are two figures)."""
    if approximate.qualifier not in ("~", "<~") or bound.qualifier not in (">", ">=", "<", "<="):
        return False
    a, b = approximate.value, bound.value
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    return abs(a - b) <= _ROUNDING * max(abs(a), 1e-12)


def _qualifier_class(q: str) -> str:
    return q


def _sums(xs: list[Placed], ys: list[Placed]) -> tuple[list[Placed], list[Placed]]:
    """Drop a figure the other version gives as a sum of its parts ("162 passengers and
    six crew" / "168 people")."""
    for one, many in ((xs, ys), (ys, xs)):
        for x in list(one):
            if x.m.dim != "count" or x.m.qualifier or isinstance(x.m.value, tuple):
                continue
            parts = [y for y in many if y.m.dim == "count" and not isinstance(y.m.value, tuple)]
            for p in range(len(parts)):
                for q in range(p + 1, len(parts)):
                    if abs(parts[p].m.value + parts[q].m.value - x.m.value) < 1e-9:
                        one.remove(x)
                        many.remove(parts[p])
                        many.remove(parts[q])
                        return _sums(xs, ys)
    return xs, ys


def _pair_score(x: Quantity, y: Quantity) -> float | None:
    """How surely ``x`` and ``y`` are one quantity given differently (None: they are not)."""
    if not _dims_agree(x, y) or x.source != y.source:
        return None
    if x.role and y.role and x.role != y.role:
        return None  # "two missing" / "injures at least 20": two counts
    role = 2.0 if x.role and x.role == y.role else 0.0  # "40 have died" / "killing 41"
    if x.dim == "tally" or y.dim == "tally":
        return 1.0 if x.dim == y.dim else None
    score = 0.0
    if x.head and x.head == y.head:
        score += 3
    elif (x.head and x.head in y.near) or (y.head and y.head in x.near):
        score += 2  # a compound on one side: "a $200 travel voucher" / "$250 vouchers"
    elif x.head and y.head and x.head != y.head and x.dim == "count":
        score -= 1
    score += min(3, len(x.near & y.near)) + role
    return score if score >= 1 else None


def compare(a: Side, b: Side) -> list[Finding]:
    xs = a.mentions(KIND, find)
    ys = b.mentions(KIND, find)
    if not xs and not ys:
        return []
    left_b = list(ys)
    left_a: list[Placed] = []
    for x in xs:
        hit = next(
            (k for k, y in enumerate(left_b) if same(x.m, y.m) and x.m.head == y.m.head), None
        )
        if hit is None:
            hit = next((k for k, y in enumerate(left_b) if same(x.m, y.m)), None)
        if hit is None:
            left_a.append(x)
        else:
            del left_b[hit]
    left_a, left_b = _sums(left_a, left_b)
    out: list[Finding] = []
    scored = []
    for p, x in enumerate(left_a):
        for q, y in enumerate(left_b):
            score = _pair_score(x.m, y.m)
            if score is not None:
                scored.append((-score, p, q))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, p, q in sorted(scored):
        if p in used_a or q in used_b:
            continue
        used_a.add(p)
        used_b.add(q)
        out.append(Finding(CHANGES, left_a[p], left_b[q]))
    # A count that appeared or vanished from something both versions mention
    # (and the other version does not count in a figure of its own).
    for items, other, theirs, change in ((left_a, b, ys, DROPS), (left_b, a, xs, ADDS)):
        used = used_a if change == DROPS else used_b
        counted = {y.m.head for y in theirs}
        for k, x in enumerate(items):
            q = x.m
            if k in used or q.source or q.dim not in ("count", "duration") or q.head is None:
                continue
            if q.head in other.stems and q.head not in counted:
                out.append(
                    Finding(change, x, None) if change == DROPS else Finding(change, None, x)
                )
    return out
