"""Times: when something happened, read into fields so that equal dates compare equal.

"Dec. 8", "December 8" and "8 December" are one date; "Tuesday" and "this
Tuesday", "Friday" and "Friday afternoon", "mid-2027" and "the middle of 2027"
agree (one may be more precise than the other).  A label is a time the other
version gives differently in the same place: "Sunday" / "December 8" (worth
checking), "on Monday" / "last week", "3 a.m." / "5 a.m.".  A time only one
version gives is new detail, not a change, and is not labelled.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sidebyside.engine.divergence.labels import CHANGES, TIME
from sidebyside.engine.divergence.side import Finding, Placed, Side
from sidebyside.engine.divergence.text import Analysed, Token, TokenTest, Written, read_token
from sidebyside.engine.features import STOPWORDS, stem

KIND = TIME

WEEKDAYS = {
    d: n for n, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
MONTHS = {
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
_RELATIVE_DAYS = {
    "today": "today",
    "yesterday": "yesterday",
    "tomorrow": "tomorrow",
    "tonight": "today",
}
_DAY_PARTS = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
    "early": "morning",
    "late": "evening",
}
_PERIODS = frozenset(
    "week weekend month year decade season spring summer autumn fall winter".split()
)
_PERIOD_MODIFIERS = {
    "last": "last",
    "past": "last",
    "previous": "last",
    "this": "this",
    "next": "next",
    "coming": "next",
}
# Parts of a year: "mid-2027", "the second half of 2026", "the end of 2025".
_YEAR_PARTS = {
    "mid": "mid",
    "middle": "mid",
    "early": "early",
    "beginning": "early",
    "start": "early",
    "late": "late",
    "end": "late",
}
_HALVES = {"first": "h1", "second": "h2"}
_QUARTERS = {"first": "q1", "second": "q2", "third": "q3", "fourth": "q4"}
# Parts that can describe the same stretch of time.
_COMPATIBLE_PARTS = {
    frozenset(p)
    for p in (
        ("early", "h1"),
        ("early", "q1"),
        ("h1", "q1"),
        ("h1", "q2"),
        ("late", "h2"),
        ("late", "q4"),
        ("h2", "q3"),
        ("h2", "q4"),
        ("mid", "q2"),
        ("mid", "q3"),
        ("morning", "early"),
        ("evening", "night"),
        ("evening", "late"),
        ("night", "late"),
    )
}
_RELATIONS = {
    "after": "after",
    "before": "before",
    "until": "until",
    "till": "until",
    "by": "by",
    "since": "since",
}
_PREPOSITIONS = frozenset("on in at by since until till from during around about".split())
_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt cet cest bst msk".split())
_DAY = re.compile(r"^([12]?\d|3[01])(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# Words a year is followed by when it is a count ("2000 people") rather than a year.
_NOT_AFTER_YEAR = frozenset("percent people members residents years dollars euros".split())
_NEAR = 5  # words either side that anchor a time to what it dates


class When(NamedTuple):
    """A time expression: its fields (year, month, day, weekday, part, clock, ...)."""

    fields: tuple[tuple[str, object], ...]
    scale: str  # "clock" | "day" | "month" | "year" | "period"
    s: int
    e: int
    first: int  # token range in its sentence
    last: int
    near: frozenset[str]  # content stems around it

    def get(self, name: str):
        for k, v in self.fields:
            if k == name:
                return v
        return None


def _ampm(toks: list[Token], j: int) -> tuple[str | None, int]:
    """ "a.m." / "am" / "p.m." / "pm" at ``j``: which, and the index after it."""
    if j >= len(toks):
        return None, j
    k = toks[j].key
    if k in ("am", "pm"):
        j += 1
        if j < len(toks) and toks[j].key == "." and toks[j].glued:
            j += 1
        return k, j
    if k in ("a", "p") and j + 2 < len(toks) and toks[j + 1].key == "." and toks[j + 2].key == "m":
        j += 3
        if j < len(toks) and toks[j].key == "." and toks[j].glued:
            j += 1
        return k + "m", j
    return None, j


# "ten o'clock": the hours a clock face names, in words.
_HOURS = dict(
    zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13))
)
_OCLOCK = frozenset(("o'clock", "oclock"))


def _on_the_hour(toks: list[Token], i: int) -> tuple[dict, int] | None:
    """ "10 o'clock", "ten o'clock", "7 o'clock p.m." at ``i`` (the o'clock at ``i + 1``)."""
    t = toks[i]
    hour = int(t.text) if t.digits and len(t.text) <= 2 else _HOURS.get(t.key)
    if hour is None or not 1 <= hour <= 12:
        return None
    half, j = _ampm(toks, i + 2)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return {"clock": hour * 60}, j


def _clock(toks: list[Token], i: int) -> tuple[dict, int] | None:
    """ "6:40 a.m.", "07:15", "3 p.m.", "midnight", "10 o'clock" at ``i``."""
    t = toks[i]
    if t.key in ("midnight", "noon", "midday"):
        return {"clock": 0 if t.key == "midnight" else 12 * 60}, i + 1
    if i + 1 < len(toks) and toks[i + 1].key in _OCLOCK:
        return _on_the_hour(toks, i)
    if not t.digits or len(t.text) > 2:
        return None
    hour = int(t.text)
    minute = 0
    j = i + 1
    colon = False
    if (
        j + 1 < len(toks)
        and toks[j].key in (":", ".")
        and toks[j].glued
        and toks[j + 1].glued
        and toks[j + 1].digits
        and len(toks[j + 1].text) == 2
    ):
        minute = int(toks[j + 1].text)
        j += 2
        colon = toks[j - 2].key == ":"
    half, j2 = _ampm(toks, j)
    if half is None and not colon:
        return None
    if hour > 24 or minute > 59:
        return None
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    j = j2
    while j < len(toks) and (toks[j].key in _ZONES or toks[j].key in ("local", "time")):
        j += 1
    return {"clock": hour * 60 + minute}, j


def _date(toks: list[Token], i: int) -> tuple[dict, int, int] | None:
    """A month with its day and year: "Dec. 8", "8 December", "Jan. 14, 2025",
    "November 2023", "October of 2023".  Returns fields, first and end token."""
    t = toks[i]
    month = MONTHS.get(t.key)
    if not month or not t.word or not t.capital:
        return None
    n = len(toks)
    j = i + 1
    abbreviated = t.key != next(m for m, v in MONTHS.items() if v == month)
    if j < n and toks[j].key == "." and toks[j].glued:
        j += 1
    fields: dict = {"month": month}
    if (
        j < n
        and _DAY.match(toks[j].key)
        and not (
            j + 1 < n
            and toks[j + 1].key in (",", ".")
            and toks[j + 1].glued
            and j + 2 < n
            and toks[j + 2].glued
            and toks[j + 2].digits
        )
    ):
        fields["day"] = int(_DAY.match(toks[j].key).group(1))
        j += 1
    first = i
    if "day" not in fields and i > 0 and _DAY.match(toks[i - 1].key) and toks[i - 1].word:
        fields["day"] = int(_DAY.match(toks[i - 1].key).group(1))
        first = i - 1
    if j + 1 < n and toks[j].key in (",", "of") and _YEAR.match(toks[j + 1].key):
        fields["year"] = int(toks[j + 1].key)
        j += 2
    elif j < n and _YEAR.match(toks[j].key):
        fields["year"] = int(toks[j].key)
        j += 1
    if len(fields) == 1:
        # "May" alone is as likely the verb, "March" the noun, "Jan" a name.
        if t.key in ("may", "march") or abbreviated:
            return None
        if not (
            i > 0
            and toks[i - 1].key
            in ("in", "since", "until", "by", "of", "early", "late", "mid", "last", "next", "this")
        ):
            return None
    return fields, first, j


def _year_part(toks: list[Token], i: int) -> tuple[str, int] | None:
    """The part of the year before the year at ``i``: "mid-", "the second half of",
    "the end of (the year)", "early".  Returns the part and its first token."""
    j = i
    if j >= 2 and toks[j - 1].key == "-" and toks[j - 1].glued and toks[j].glued:
        k = toks[j - 2].key
        if k in _YEAR_PARTS:
            return _YEAR_PARTS[k], j - 2
    if j >= 2 and toks[j - 1].key == "year" and toks[j - 2].key == "the":
        j -= 2  # "the end of the year 2025"
    if j >= 1 and toks[j - 1].key in ("early", "late", "mid"):
        return _YEAR_PARTS[toks[j - 1].key], j - 1
    if j >= 2 and toks[j - 1].key == "of":
        k = toks[j - 2].key
        if k in ("half", "quarter") and j >= 3 and toks[j - 3].key in _HALVES:
            part = (_HALVES if k == "half" else _QUARTERS).get(toks[j - 3].key)
            first = j - 3
            if first and toks[first - 1].key == "the":
                first -= 1
            return part, first
        if k in _YEAR_PARTS:
            first = j - 2
            if first and toks[first - 1].key == "the":
                first -= 1
            return _YEAR_PARTS[k], first
    return None


def _near(toks: list[Token], first: int, last: int) -> frozenset[str]:
    anchors = [
        _ANCHORS[t.text] for t in toks[max(0, first - _NEAR) : first] + toks[last : last + _NEAR]
    ]
    return frozenset([a for a in anchors if a is not None])


def _anchor(raw: str) -> str | None:
    """The stem of a content word near a time (figures and dates aside), else None."""
    key, word, _, digits = read_token(raw)
    if word and not digits and key not in STOPWORDS and key not in WEEKDAYS and key not in MONTHS:
        return stem(key)
    return None


_ANCHORS = TokenTest(_anchor)


def find(sentence: Analysed) -> tuple[When, ...]:
    toks = sentence.tokens
    n = len(toks)
    out: list[When] = []
    after = 0  # first token not yet read into a time
    for i in _starts(sentence):
        if i < after:
            continue
        t = toks[i]
        k = t.key
        fields: dict | None = None
        first, end = i, i + 1
        scale = "day"
        clock = (
            _clock(toks, i)
            if (t.digits or k in ("midnight", "noon", "midday") or k in _HOURS)
            else None
        )
        date = _date(toks, i) if t.word and k in MONTHS else None
        if clock is not None:
            fields, end = clock
            scale = "clock"
        elif date is not None:
            fields, first, end = date
            scale = (
                "day"
                if "day" in fields
                else ("month" if "year" not in fields or len(fields) > 1 else "year")
            )
        elif k in WEEKDAYS and t.capital:
            fields = {"weekday": WEEKDAYS[k]}
            # "this Friday (16)": the day of the month in brackets.
            if (
                end + 2 < n
                and toks[end].key == "("
                and _DAY.match(toks[end + 1].key)
                and toks[end + 2].key == ")"
            ):
                fields["day"] = int(_DAY.match(toks[end + 1].key).group(1))
                end += 3
        elif k in _RELATIVE_DAYS:
            fields = {"relative": _RELATIVE_DAYS[k]}
            if k == "tonight":
                fields["part"] = "night"
        elif k == "this" and i + 1 < n and toks[i + 1].key in ("morning", "afternoon", "evening"):
            fields = {"relative": "today", "part": toks[i + 1].key}
            end = i + 2
        elif k == "last" and i + 1 < n and toks[i + 1].key == "night":
            fields = {"relative": "yesterday", "part": "night"}
            end = i + 2
        elif k in _PERIOD_MODIFIERS and i + 1 < n and toks[i + 1].key in _PERIODS:
            fields = {"period": toks[i + 1].key, "which": _PERIOD_MODIFIERS[k]}
            end = i + 2
            scale = "period"
        elif (
            _YEAR.match(k)
            and t.word
            and not (i + 1 < n and (toks[i + 1].key in _NOT_AFTER_YEAR or toks[i + 1].key == "%"))
            and not (i and toks[i - 1].key in ("$", "€", "£"))
        ):
            fields = {"year": int(k)}
            scale = "year"
            part = _year_part(toks, i)
            if part is not None:
                fields["part"], first = part
        if fields is None:
            continue
        if scale in ("day", "clock"):
            # A part of the day before or after: "early Friday", "Friday evening".
            if (
                end < n
                and toks[end].key in ("morning", "afternoon", "evening", "night")
                and "part" not in fields
            ):
                fields["part"] = toks[end].key
                end += 1
            if (
                first > sentence.body
                and toks[first - 1].key in ("early", "late")
                and "part" not in fields
            ):
                fields["part"] = _DAY_PARTS[toks[first - 1].key]
                first -= 1
        if scale == "clock":
            # "3 a.m. Friday": the day it belongs to.
            if end < n and toks[end].key in WEEKDAYS and toks[end].capital:
                fields["weekday"] = WEEKDAYS[toks[end].key]
                end += 1
            # "shortly after midnight", "just before 5 p.m.": before or after it.
            if first > sentence.body and toks[first - 1].key in _RELATIONS:
                fields["relation"] = _RELATIONS[toks[first - 1].key]
                first -= 1
                if first > sentence.body and toks[first - 1].key in (
                    "shortly",
                    "just",
                    "soon",
                    "right",
                    "well",
                ):
                    first -= 1
            elif first > sentence.body and toks[first - 1].key in (
                "about",
                "around",
                "approximately",
            ):
                first -= 1
                if first > sentence.body and toks[first - 1].key == "at":
                    first -= 1
        # "between March 2021 and June 2022": one range.
        if out and first >= 2 and toks[first - 1].key == "and" and out[-1].last == first - 1:
            prev = out[-1]
            if prev.first > 0 and toks[prev.first - 1].key in ("between", "from"):
                out.pop()
                start_tok = prev.first - 1
                fields = {"range": (prev.fields, tuple(sorted(fields.items())))}
                out.append(
                    When(
                        tuple(sorted(fields.items(), key=str)),
                        prev.scale,
                        toks[start_tok].start,
                        toks[end - 1].end,
                        start_tok,
                        end,
                        _near(toks, start_tok, end),
                    )
                )
                after = end
                continue
        # Take in a preposition or modifier that reads with it: "on Monday", "last Sunday".
        if first > sentence.body and toks[first - 1].key in _PREPOSITIONS:
            first -= 1
        elif (
            first > sentence.body
            and toks[first - 1].key in ("last", "this", "next", "past")
            and scale == "day"
        ):
            first -= 1
            if first > sentence.body and toks[first - 1].key in _PREPOSITIONS:
                first -= 1
        out.append(
            When(
                tuple(sorted(fields.items(), key=str)),
                scale,
                toks[first].start,
                toks[end - 1].end,
                first,
                end,
                _near(toks, first, end),
            )
        )
        after = end
    return tuple(out)


# Words a time expression can begin with (besides figures).
_STARTS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(_RELATIVE_DAYS)
    | frozenset(_PERIOD_MODIFIERS)
    | frozenset(("this", "last", "midnight", "noon", "midday"))
    | frozenset(_HOURS)
)


def _starts(sentence: Analysed) -> list[int]:
    """Tokens of the story proper where a time can begin: a time word or a figure."""
    body = sentence.body
    return [k for k, t in enumerate(sentence.tokens[body:], body) if _OPENS[t.key]]


_OPENS = TokenTest(lambda k: k in _STARTS or k[:1].isdigit())


_TRIGGERS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(_RELATIVE_DAYS)
    | frozenset(_DAY_PARTS)
    | _PERIODS
    | frozenset(_PERIOD_MODIFIERS)
    | frozenset(_YEAR_PARTS)
    | frozenset(_HALVES)
    | frozenset(_QUARTERS)
    | frozenset(_RELATIONS)
    | _ZONES
    | frozenset("midnight noon midday half quarter am pm between".split())
    | _OCLOCK
)


def touches(changed: frozenset[str], written: list[Written]) -> bool:
    """Whether a change of these written tokens can change what this kind finds: a time
    word, a year, or a figure next to a month, a clock or a weekday."""
    digits = []
    tested = _TESTED
    for w in changed:
        what = tested[w]
        if what is _TRIGGER:
            return True
        if what is _FIGURE:
            digits.append(w)
    return bool(digits) and any(not x.get(KIND, _timed_figures).isdisjoint(digits) for x in written)


_TRIGGER, _FIGURE = "trigger", "figure"


def _what(w: str) -> str | None:
    """A time word or a year, a figure, or neither."""
    if w.casefold() in _TRIGGERS or _YEAR.match(w):
        return _TRIGGER
    return _FIGURE if _is_figure(w) else None


def _is_figure(w: str) -> bool:
    """Digits, or an hour in words ("ten o'clock")."""
    return w.isdigit() or w.casefold() in _HOURS


_TESTED = TokenTest(_what)


def _timed_figures(written: Written) -> frozenset[str]:
    """Figures written next to a time word, a colon or a point."""
    if not any(map(_is_figure, written.distinct)):
        return frozenset()
    words = written.tokens
    out = set()
    for k, w in enumerate(words):
        if _is_figure(w):
            around = words[max(0, k - 2) : k + 3]
            if any(x in (":", ".") or x.casefold() in _TRIGGERS for x in around if x != w):
                out.add(w)
    return frozenset(out)


def taken(sentence: Analysed) -> set[int]:
    """Token indices that belong to times (numbers there are not quantities)."""
    out: set[int] = set()
    for w in sentence.found.get(KIND) or ():
        out.update(range(w.first, w.last))
    return out


def _parts_agree(x, y) -> bool:
    return x == y or frozenset((x, y)) in _COMPATIBLE_PARTS


def same(x: When, y: When) -> bool:
    """Whether two times can denote the same moment (one may be more precise)."""
    fx, fy = dict(x.fields), dict(y.fields)
    if "range" in fx or "range" in fy:
        if "range" not in fx or "range" not in fy:
            return False
        (ax, bx), (ay, by) = fx["range"], fy["range"]
        return _fields_agree(dict(ax), dict(ay)) and _fields_agree(dict(bx), dict(by))
    return _fields_agree(fx, fy)


def _fields_agree(fx: dict, fy: dict) -> bool:
    shared = [k for k in fx if k in fy]
    if not shared:
        return False
    for k in shared:
        if k == "part":
            if not _parts_agree(fx[k], fy[k]):
                return False
        elif fx[k] != fy[k]:
            return False
    return True


# Which scales may be two ways of dating one thing ("on Monday" / "last week").
_PAIRABLE = {
    frozenset(("day",)),
    frozenset(("clock",)),
    frozenset(("day", "period")),
    frozenset(("period",)),
    frozenset(("month",)),
    frozenset(("year",)),
    frozenset(("month", "year")),
    frozenset(("period", "year")),
}


def compare(a: Side, b: Side) -> list[Finding]:
    xs = a.mentions(KIND, find)
    if not xs:
        return []
    ys = b.mentions(KIND, find)
    if not ys:
        return []
    left_b = list(ys)
    left_a: list[Placed] = []
    for x in xs:
        hit = next((k for k, y in enumerate(left_b) if same(x.m, y.m)), None)
        if hit is None:
            left_a.append(x)
        else:
            del left_b[hit]
    if not left_a or not left_b:
        return []
    # Leftovers pair up by what they date: the words around them, then the scale.
    scored = []
    said_a = [_when_said(a, x) for x in left_a]
    said_b = [_when_said(b, y) for y in left_b]
    for p, x in enumerate(left_a):
        for q, y in enumerate(left_b):
            if frozenset((x.m.scale, y.m.scale)) not in _PAIRABLE:
                continue
            if said_a[p] != said_b[q]:
                continue  # when something was said is no date of what happened
            score = len(x.m.near & y.m.near)
            # The only time of its scale left on each side: the same slot.
            if (
                sum(1 for z in left_a if z.m.scale == x.m.scale) == 1
                and sum(1 for z in left_b if z.m.scale == y.m.scale) == 1
            ):
                score += 2
            if len(left_a) == 1 and len(left_b) == 1:
                score += 1
            if score:
                scored.append((-score, p, q))
    out = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, p, q in sorted(scored):
        if p in used_a or q in used_b:
            continue
        used_a.add(p)
        used_b.add(q)
        out.append(Finding(CHANGES, left_a[p], left_b[q]))
    return out


_SAID = frozenset("said says told tells announced reported added stated confirmed".split())


def _when_said(side: Side, placed: Placed) -> bool:
    """Whether a time dates a statement: "the government said Tuesday", "said on Monday"."""
    toks = side.parts[placed.part].tokens
    j = placed.m.first - 1
    if j >= 0 and toks[j].key == "on":
        j -= 1
    return j >= 0 and toks[j].key in _SAID
