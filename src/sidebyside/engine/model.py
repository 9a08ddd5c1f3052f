"""The data the engine produces and every front end consumes.

Offsets are always into ``Document.text`` (the text as written, after
decoding), so a front end can show the original spelling and spacing and
still know where each sentence and each difference sits.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(eq=False)
class Document:
    path: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    encoding: str = "utf-8"
    title: str | None = None
    # Sentences that are page furniture (bylines, "Related News", share
    # prompts): shown dimmed, never deleted, left out of the matched share.
    furniture: frozenset[int] = frozenset()

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def name(self) -> str:
        """Short label for headings: the file name, or "stdin"."""
        if self.path == "-":
            return "stdin"
        return os.path.basename(self.path.rstrip("/\\")) or self.path


@dataclass(frozen=True, slots=True, order=True)
class Member:
    doc: int
    sentence: int


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of a word diff between two articles' versions of a group.

    ``a_start``/``a_end`` and ``b_start``/``b_end`` are offsets into the two
    documents' texts; ``a``/``b`` are those slices.  ``minor`` marks a change
    that only touches punctuation or quote style.
    """

    tag: str  # "equal" | "insert" | "delete" | "replace"
    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    minor: bool = False


@dataclass(frozen=True, slots=True)
class PairDiff:
    a: int
    b: int
    similarity: float
    ops: tuple[DiffOp, ...]


# What a link says about two sentences.
VERBATIM = "verbatim"  # the same words (case, quotes and punctuation aside)
REWORDED = "reworded"  # the same content in other words
PARTIAL = "partial"  # one carries part of what the other says
MANUAL = "manual"  # linked by the reader
LINK_KINDS = (VERBATIM, REWORDED, PARTIAL, MANUAL)


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """Two sentences of different articles that say the same thing, or part of it.

    ``a < b``; ``score`` is the probability the fitted scorer gives the link.
    """

    a: Member
    b: Member
    score: float
    kind: str

    def other(self, member: Member) -> Member:
        return self.b if member == self.a else self.a


@dataclass(slots=True)
class Group:
    """Sentences of different articles that say the same thing.

    One article may contribute several consecutive sentences when it split
    what another article said in one.
    """

    members: tuple[Member, ...]
    score: float
    diffs: tuple[PairDiff, ...] = ()
    # The direct links between its members: every member is linked to at least
    # one member of each other article in the group, never only through a third.
    links: tuple[Link, ...] = ()

    @property
    def docs(self) -> tuple[int, ...]:
        return tuple(sorted({m.doc for m in self.members}))

    def sentences_of(self, doc: int) -> list[int]:
        return [m.sentence for m in self.members if m.doc == doc]

    @property
    def is_shared(self) -> bool:
        return len(self.docs) > 1

    def reference(self, pivot: int) -> int:
        """The article the others are compared with in this row: the pivot, else the first."""
        docs = self.docs
        return pivot if pivot in docs else docs[0]


@dataclass(eq=False)
class Comparison:
    documents: list[Document]
    groups: list[Group]
    matcher: str = "lexical"
    # Every link found, including those between sentences of different rows
    # (a sentence that also matches elsewhere).
    links: list[Link] = field(default_factory=list)
    # Labels of ``groups`` already being read (``compare_documents(labels_ahead=True)``):
    # the rows they were started on and the function that gives them.
    labels_ahead: tuple[list[Group], Callable[[], list]] | None = field(
        default=None, repr=False, compare=False
    )

    def take_labels(self) -> Callable[[], list] | None:
        """The labels started ahead, if they are of the rows as they are now (once)."""
        ahead, self.labels_ahead = self.labels_ahead, None
        if ahead is None or ahead[0] is not self.groups:
            return None
        return ahead[1]

    @cached_property
    def group_index(self) -> dict[Member, int]:
        """Which group each sentence belongs to."""
        return {m: k for k, g in enumerate(self.groups) for m in g.members}

    def group_of(self, doc: int, sentence: int) -> Group:
        return self.groups[self.group_index[Member(doc, sentence)]]

    @cached_property
    def links_by_member(self) -> dict[Member, list[Link]]:
        out: dict[Member, list[Link]] = {}
        for link in self.links:
            out.setdefault(link.a, []).append(link)
            out.setdefault(link.b, []).append(link)
        return out

    def links_of(self, member: Member) -> list[Link]:
        return self.links_by_member.get(member, [])

    def elsewhere(self, member: Member) -> list[Link]:
        """Links of ``member`` to sentences outside its own row."""
        home = self.group_index.get(member)
        return [
            link
            for link in self.links_of(member)
            if self.group_index.get(link.other(member)) != home
        ]

    @cached_property
    def furniture_groups(self) -> frozenset[int]:
        """Groups made only of page furniture: rows a reader skips, reports set apart."""
        docs = self.documents
        if not any(d.furniture for d in docs):
            return frozenset()
        return frozenset(
            k
            for k, g in enumerate(self.groups)
            if all(m.sentence in docs[m.doc].furniture for m in g.members)
        )

    def matched_share(self, doc: int) -> float:
        """Share of this article's story sentences that have a counterpart elsewhere."""
        return self.matched_shares[doc]

    @cached_property
    def cross_row_links(self) -> list[Link]:
        """The links between sentences of different rows, in link order: what no row could
        hold (a sentence that also matches elsewhere)."""
        home = self.group_index
        return [link for link in self.links if home.get(link.a) != home.get(link.b)]

    @cached_property
    def linked_members(self) -> frozenset[Member]:
        """The sentences at either end of a link between rows."""
        return frozenset(m for link in self.cross_row_links for m in (link.a, link.b))

    @cached_property
    def linked_alone(self) -> frozenset[int]:
        """Rows of one article whose sentences still match sentences of other rows: no
        row could take them (they would stand beside sentences they do not match), but
        they have counterparts, so they are not material of that article only."""
        home = self.group_index
        groups = self.groups
        return frozenset(
            home[m] for m in self.linked_members if m in home and not groups[home[m]].is_shared
        )

    @cached_property
    def matched_shares(self) -> list[float]:
        """``matched_share`` of every article, in one pass over the rows."""
        story = [0] * len(self.documents)
        shared = [0] * len(self.documents)
        furniture = [doc.furniture for doc in self.documents]
        linked = self.linked_members
        for group in self.groups:
            is_shared = group.is_shared
            for m in group.members:
                if m.sentence not in furniture[m.doc]:
                    story[m.doc] += 1
                    # In a row of its own, a sentence is matched if it links elsewhere.
                    shared[m.doc] += is_shared or m in linked
        return [s / t if t else 0.0 for s, t in zip(shared, story, strict=True)]
