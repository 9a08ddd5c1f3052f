"""One article's side of a comparison, and the small interface every kind follows.

A kind is a module with ``KIND``, ``find(sentence) -> tuple[mention, ...]``
(the typed mentions of one analysed sentence, offsets relative to it) and
``compare(a, b) -> list[Finding]`` (what changed between two sides, given
their placed mentions).  Mentions are found once per distinct sentence text;
a side places them at absolute offsets of its document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

from sidebyside.engine.divergence.text import Analysed, analysed, written
from sidebyside.engine.model import Document

_UNREAD = object()


class Placed(NamedTuple):
    """A mention where it stands in its document."""

    m: Any  # the kind's typed mention
    start: int  # absolute offsets into Document.text
    end: int
    part: int  # which of the side's sentences holds it


class Finding(NamedTuple):
    """One change a kind found: ``x`` on side a, ``y`` on side b (None: that side lacks it)."""

    change: str
    x: Placed | None
    y: Placed | None


class Kind(Protocol):
    KIND: str

    def find(self, sentence: Analysed) -> tuple: ...

    def compare(self, a: Side, b: Side) -> list[Finding]: ...


def found_in(part: Analysed, kind: str, find: Callable[[Analysed], tuple]) -> tuple:
    """``find(part)``, computed once per sentence text."""
    found = part.found.get(kind)
    if found is None:
        found = part.found[kind] = find(part)
    return found


class Side:
    """An article's sentences that are linked to the other side's, read for every kind."""

    def __init__(self, doc: Document, sentences: list[int]) -> None:
        self.doc = doc
        self.text = doc.text
        self.spans = [doc.sentences[s] for s in sorted(sentences)]
        self.origin = self.spans[0].start if self.spans else 0
        self.texts = tuple(s.text for s in self.spans)
        self._parts: list[Analysed] | None = None
        self._placed: dict[str, list[Placed]] = {}
        self._words: frozenset[str] | None = None
        self._memo: dict[str, Any] = {}

    @property
    def parts(self) -> list[Analysed]:
        """The side's sentences, analysed (only once a kind reads them)."""
        if self._parts is None:
            self._parts = [analysed(t) for t in self.texts]
        return self._parts

    def mentions(self, kind: str, find: Callable[[Analysed], tuple]) -> list[Placed]:
        """The kind's mentions in this side's sentences, in text order, at absolute offsets
        (``find`` reads one sentence; its result is kept with the sentence's text)."""
        placed = self._placed.get(kind)
        if placed is None:
            new = tuple.__new__
            placed = []
            for n, (part, span) in enumerate(zip(self.parts, self.spans)):
                base = span.start
                placed += [
                    new(Placed, (m, m.s + base, m.e + base, n)) for m in found_in(part, kind, find)
                ]
            self._placed[kind] = placed
        return placed

    def get(self, key: str, read: Callable[[Side], Any]) -> Any:
        """``read(self)``, computed once per side (a side meets several others in a row)."""
        value = self._memo.get(key, _UNREAD)
        if value is _UNREAD:
            value = self._memo[key] = read(self)
        return value

    @property
    def written(self) -> frozenset[str]:
        """Every token the side's sentences write, as written (escape sequences included)."""
        if len(self.texts) == 1:
            return written(self.texts[0]).distinct
        return frozenset().union(*(written(t).distinct for t in self.texts))

    @property
    def stems(self) -> frozenset[str]:
        if len(self.parts) == 1:
            return self.parts[0].content()
        return frozenset().union(*(p.content() for p in self.parts))

    @property
    def unquoted_stems(self) -> frozenset[str]:
        if len(self.parts) == 1:
            return self.parts[0].unquoted()
        return frozenset().union(*(p.unquoted() for p in self.parts))

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(w for p in self.parts for w in p.words)
        return self._words

    def base(self, part: int) -> int:
        return self.spans[part].start

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]
