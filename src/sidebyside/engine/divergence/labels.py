"""What a label says: its kind, what happened, where, and which articles agree.

A label is a claim that a story changed between articles, read by someone
who will check it, so it carries the text as written on both sides (offsets
into each ``Document.text``) and a sentence saying what changed.
"""

from __future__ import annotations

from dataclasses import dataclass

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

FLIPPED = {ADDS: DROPS, DROPS: ADDS, TO_QUOTE: TO_REPORTED, TO_REPORTED: TO_QUOTE}

DESCRIPTION_MAX = 60


@dataclass(frozen=True, slots=True)
class Divergence:
    """One labelled difference between article ``a``'s and article ``b``'s version.

    Offsets are absolute into each document's text; a side that lacks the
    thing has an empty range where its sentences start and ``""`` as text.
    ``a_docs`` and ``b_docs`` are the articles of the row that read as ``a``
    and as ``b`` do here (each holds ``a`` or ``b`` itself): one label stands
    for the change wherever it recurs between those articles.
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
    a_docs: tuple[int, ...] = ()
    b_docs: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.a_docs:
            object.__setattr__(self, "a_docs", (self.a,))
        if not self.b_docs:
            object.__setattr__(self, "b_docs", (self.b,))

    @property
    def description(self) -> str:
        return describe(self)

    def flipped(self) -> Divergence:
        """The same difference seen from ``b``'s side."""
        return Divergence(
            self.kind,
            FLIPPED.get(self.change, self.change),
            self.b,
            self.a,
            self.b_text,
            self.a_text,
            self.b_start,
            self.b_end,
            self.a_start,
            self.a_end,
            self.b_docs,
            self.a_docs,
        )


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rstrip() + "…"
    return f'"{text}"'


def _docs(docs: tuple[int, ...]) -> str:
    return ", ".join(f"[{d + 1}]" for d in docs)


def describe(div: Divergence) -> str:
    """A short sentence saying what ``b`` does relative to ``a``, e.g. ``[3] adds "two"``.

    Where several articles read alike, all are named: ``[2], [3] have "three"
    where [1] has "two"``.
    """
    a, b = _docs(div.a_docs), _docs(div.b_docs)
    plural_a, plural_b = len(div.a_docs) > 1, len(div.b_docs) > 1

    def verb(singular: str, plural: str, many: bool) -> str:
        return plural if many else singular

    at, bt = _short(div.a_text), _short(div.b_text)
    if div.change == TO_QUOTE:
        said = f" ({a} {verb('has', 'have', plural_a)} {at})" if div.a_text else ""
        return f"{b} {verb('quotes', 'quote', plural_b)} directly what {a} reports: {bt}{said}"
    if div.change == TO_REPORTED:
        said = f" ({b} {verb('has', 'have', plural_b)} {bt})" if div.b_text else ""
        return (
            f"{b} {verb('reports', 'report', plural_b)} without quotation marks "
            f"what {a} {verb('quotes', 'quote', plural_a)}: {at}{said}"
        )
    if div.change == VARIANT:
        return (
            f"{b} {verb('spells', 'spell', plural_b)} {bt} "
            f"where {a} {verb('spells', 'spell', plural_a)} {at}"
        )
    if div.kind == ATTRIBUTION:
        if div.change == ADDS:
            does = verb("does", "do", plural_a)
            return f"{b} {verb('credits', 'credit', plural_b)} {bt}, {a} {does} not"
        if div.change == DROPS:
            return f"{b} {verb('drops', 'drop', plural_b)} the credit to {at}"
        return (
            f"{b} {verb('credits', 'credit', plural_b)} {bt} "
            f"where {a} {verb('credits', 'credit', plural_a)} {at}"
        )
    if div.kind == HEDGE and div.change == ADDS and div.a_text:
        states = verb("states", "state", plural_a)
        return f"{b} {verb('hedges', 'hedge', plural_b)} {bt} where {a} {states} {at}"
    if div.kind == HEDGE and div.change == DROPS and div.b_text:
        hedges = verb("hedges", "hedge", plural_a)
        return f"{b} {verb('states', 'state', plural_b)} {bt} where {a} {hedges} {at}"
    if div.kind == QUOTE:
        return (
            f"{b} {verb('quotes', 'quote', plural_b)} {bt} "
            f"where {a} {verb('quotes', 'quote', plural_a)} {at}"
        )
    if div.change == ADDS:
        return f"{b} {verb('adds', 'add', plural_b)} {bt}"
    if div.change == DROPS:
        return f"{b} {verb('drops', 'drop', plural_b)} {at}"
    if div.kind == NAME:
        names = verb("names", "name", plural_a)
        return f"{b} {verb('names', 'name', plural_b)} {bt} where {a} {names} {at}"
    return (
        f"{b} {verb('has', 'have', plural_b)} {bt} where {a} {verb('has', 'have', plural_a)} {at}"
    )
