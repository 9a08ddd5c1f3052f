"""The comparison seen from one pivot: row order, furniture runs, moves, divergences, links.

Everything the views ask about a row is answered here and cached, so a
keystroke touches only the rows it shows.  Building one walks the whole
comparison, so the screen builds it off the event loop.  No Textual import.

Rows follow the pivot's reading order.  Runs of rows made only of page
furniture collapse into one row (the run's first group stands for it) unless
the reader expands them; rows no shown article has are left out.  Every
group still has a row: the one shown in its place.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from sidebyside.engine.model import Comparison, DiffOp, Group, Link, Member, PairDiff
from sidebyside.engine.moves import find_moves, first_sentences
from sidebyside.engine.normalize import fold
from sidebyside.engine.order import pivot_order
from sidebyside.engine.sanitize import visible

ADDED = "added"  # words only in this article
REPLACED = "replaced"  # words another article words differently
MINOR = "minor"  # punctuation or quote style only


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One article's part of a row: its sentences joined, ready to wrap and style."""

    text: str
    sentences: tuple[int, ...]
    offsets: tuple[int, ...]  # where each sentence starts in ``text``


def _diff_pair_function():
    diff = importlib.import_module("sidebyside.engine.diff")
    return getattr(diff, "diff_pair", None)


def _flip(op: DiffOp) -> DiffOp:
    tag = {"insert": "delete", "delete": "insert"}.get(op.tag, op.tag)
    return DiffOp(tag, op.b, op.a, op.b_start, op.b_end, op.a_start, op.a_end, op.minor)


class RowModel:
    """Rows of a comparison in one pivot's reading order, with per-row facts cached."""

    def __init__(
        self,
        comparison: Comparison,
        pivot: int = 0,
        *,
        collapse: bool = False,
        shown: frozenset[int] | None = None,
    ) -> None:
        self.comparison = comparison
        self.documents = comparison.documents
        self.groups = comparison.groups
        self.furniture = comparison.furniture_groups
        self._cells: dict[tuple[int, int], Cell | None] = {}
        self._pairs: dict[tuple[int, int, int], PairDiff | None] = {}
        self._spans: dict[tuple[int, int], tuple[Span, ...]] = {}
        self._differs: dict[int, bool] = {}
        self._differs_shown: dict[int, bool] = {}
        self._shares: dict[int, float] = {}
        self._doc_groups: dict[int, list[int]] = {}
        self._elsewhere: dict[tuple[int, int], tuple[tuple[Link, Member, int], ...]] = {}
        self._orders: dict[int, tuple[list[int], dict[tuple[int, int], int]]] = {}
        # Each group's first sentence per article, computed once for every pivot change.
        self.firsts = first_sentences(comparison)
        comparison.links_by_member  # noqa: B018  (built here, off the event loop)
        for doc in range(len(self.documents)):
            self.matched_share(doc)
        self.config: tuple | None = None
        self.order: list[int] = []
        self.row_of_group: dict[int, int] = {}
        self.runs: dict[int, tuple[int, ...]] = {}  # a collapsed run's first group -> its groups
        self.moved: dict[tuple[int, int], int] = {}
        self.configure(pivot, collapse, shown)

    # -- order -----------------------------------------------------------
    def has_pivot(self, pivot: int) -> bool:
        """Whether ``pivot``'s row order is ready (else ``prepare_pivot`` takes a while)."""
        return pivot in self._orders

    def prepare_pivot(self, pivot: int) -> tuple[list[int], dict[tuple[int, int], int]]:
        """``pivot``'s row order and moved cells, computed once (safe off the event loop)."""
        cached = self._orders.get(pivot)
        if cached is None:
            order = pivot_order(self.groups, pivot)
            # (group, doc) -> the article's first sentence there, for cells it placed elsewhere.
            moved = {
                (m.group, m.doc): m.sentence
                for m in find_moves(self.comparison, pivot, order, self.firsts)
            }
            cached = self._orders[pivot] = (order, moved)
        return cached

    def set_pivot(self, pivot: int) -> None:
        """Reorder rows for ``pivot``, keeping the furniture and column settings."""
        _, collapse, shown = self.config
        self.configure(pivot, collapse, shown)

    def configure(
        self, pivot: int, collapse: bool = False, shown: frozenset[int] | None = None
    ) -> bool:
        """Order rows for ``pivot``; ``collapse`` folds runs of furniture rows into one;
        ``shown`` (None: all) leaves out rows none of those articles has.  Returns
        whether anything changed.  Cells and diffs stay cached across calls."""
        if shown is not None and len(shown) >= len(self.documents):
            shown = None
        config = (pivot, bool(collapse), shown)
        if config == self.config:
            return False
        self.config = config
        self.pivot = pivot
        order, self.moved = self.prepare_pivot(pivot)
        off_screen: set[int] = set()
        if shown is not None:
            off_screen = {g for g in order if shown.isdisjoint(self.groups[g].docs)}
            if len(off_screen) >= len(order):
                off_screen = set()  # nothing would be left: show every row
        self.order, self.row_of_group, self.runs = _rows(
            order, off_screen, self.furniture if collapse else frozenset()
        )
        self._spans.clear()
        self._differs_shown.clear()
        return True

    def __len__(self) -> int:
        return len(self.order)

    def group(self, row: int) -> Group:
        return self.groups[self.order[row]]

    def reference(self, group_index: int) -> int:
        """The article others are compared with in this group: the pivot, else its first
        on screen (words marked against an article not shown would point at nothing),
        else its first."""
        docs = self.groups[group_index].docs
        if self.pivot in docs:
            return self.pivot
        return next((d for d in docs if self.on_screen(d)), docs[0])

    # -- text ------------------------------------------------------------
    def cell(self, group_index: int, doc: int) -> Cell | None:
        """The article's sentences in this group, joined by spaces; None when it has none."""
        key = (group_index, doc)
        if key not in self._cells:
            numbers = self.groups[group_index].sentences_of(doc)
            if not numbers:
                self._cells[key] = None
            else:
                sentences = self.documents[doc].sentences
                parts, offsets, at = [], [], 0
                for n in sorted(numbers):
                    offsets.append(at)
                    text = visible(sentences[n].text)
                    parts.append(text)
                    at += len(text) + 1
                self._cells[key] = Cell(" ".join(parts), tuple(sorted(numbers)), tuple(offsets))
        return self._cells[key]

    def _to_cell(self, group_index: int, doc: int, start: int, end: int) -> list[tuple[int, int]]:
        """Absolute document offsets ``[start, end)`` as ranges in the article's cell text."""
        cell = self.cell(group_index, doc)
        if cell is None:
            return []
        sentences = self.documents[doc].sentences
        out = []
        for n, base in zip(cell.sentences, cell.offsets, strict=True):
            s = sentences[n]
            lo, hi = max(start, s.start), min(end, s.end)
            if lo < hi:
                out.append((base + lo - s.start, base + hi - s.start))
        return out

    # -- differences -----------------------------------------------------
    def pair(self, group_index: int, ref: int, doc: int) -> PairDiff | None:
        """Word diff of ``doc`` against ``ref`` in this group, oriented ref → doc."""
        key = (group_index, ref, doc)
        if key in self._pairs:
            return self._pairs[key]
        group = self.groups[group_index]
        found = None
        for pd in group.diffs:
            if (pd.a, pd.b) == (ref, doc):
                found = pd
            elif (pd.a, pd.b) == (doc, ref):
                found = PairDiff(ref, doc, pd.similarity, tuple(_flip(op) for op in pd.ops))
            if found:
                break
        if found is None and ref in group.docs and doc in group.docs and ref != doc:
            diff_pair = _diff_pair_function()
            if diff_pair is not None:
                found = diff_pair(self.documents, group.members, ref, doc)
        self._pairs[key] = found
        return found

    def spans(self, group_index: int, doc: int) -> tuple[Span, ...]:
        """Divergent words of ``doc``'s cell in this group, against the group's reference."""
        key = (group_index, doc)
        if key in self._spans:
            return self._spans[key]
        group = self.groups[group_index]
        ref = self.reference(group_index)
        out: list[Span] = []
        if group.is_shared:
            # The reference's words are marked against the articles on screen only: a
            # change in an article not shown would mark words with nothing to see beside.
            others = (
                [d for d in group.docs if d != ref and self.on_screen(d)] if doc == ref else [doc]
            )
            for other in others:
                pd = self.pair(group_index, ref, other)
                if pd is None:
                    continue
                for op in pd.ops:
                    if op.tag == "equal":
                        continue
                    kind = MINOR if op.minor else (REPLACED if op.tag == "replace" else ADDED)
                    if doc == ref and op.tag in ("delete", "replace"):
                        ranges = self._to_cell(group_index, doc, op.a_start, op.a_end)
                    elif doc != ref and op.tag in ("insert", "replace"):
                        ranges = self._to_cell(group_index, doc, op.b_start, op.b_end)
                    else:
                        continue
                    out.extend(Span(lo, hi, kind) for lo, hi in ranges)
        # Kind breaks ties: two articles may mark the same words differently, and the
        # order of a set of them changes from one run to the next.
        self._spans[key] = tuple(sorted(set(out), key=lambda s: (s.start, s.end, s.kind)))
        return self._spans[key]

    def differs(self, group_index: int) -> bool:
        """True when the articles sharing this group word it differently."""
        if group_index not in self._differs:
            group = self.groups[group_index]
            if not group.is_shared:
                result = False
            elif group.diffs:
                result = any(op.tag != "equal" for pd in group.diffs for op in pd.ops)
            else:
                texts = {fold(self.cell(group_index, d).text) for d in group.docs}
                result = len(texts) > 1
            self._differs[group_index] = result
        return self._differs[group_index]

    def differs_on_screen(self, group_index: int) -> bool:
        """True when the articles on screen that share this group word it differently:
        what ``n`` looks for, since a difference with an article not shown marks nothing."""
        if self.shown is None:
            return self.differs(group_index)
        found = self._differs_shown.get(group_index)
        if found is None:
            docs = [d for d in self.groups[group_index].docs if self.on_screen(d)]
            found = False
            if len(docs) > 1 and self.differs(group_index):
                ref = self.reference(group_index)
                found = any(
                    pd is not None and any(op.tag != "equal" for op in pd.ops)
                    for pd in (self.pair(group_index, ref, d) for d in docs if d != ref)
                )
            self._differs_shown[group_index] = found
        return found

    def groups_of_doc(self, doc: int) -> list[int]:
        """The group of each of the article's sentences, in its own order."""
        if doc not in self._doc_groups:
            index = self.comparison.group_index
            self._doc_groups[doc] = [
                index[Member(doc, s.index)] for s in self.documents[doc].sentences
            ]
        return self._doc_groups[doc]

    def matched_share(self, doc: int) -> float:
        """Share of the article's sentences matched elsewhere (fixed for a comparison)."""
        if doc not in self._shares:
            self._shares[doc] = self.comparison.matched_share(doc)
        return self._shares[doc]

    def only_in(self, group_index: int) -> int | None:
        """The single article holding this group's material, or None when another article
        has it too: in this row, or linked from a row of its own (``linked_alone``)."""
        docs = self.groups[group_index].docs
        if len(docs) != 1 or group_index in self.comparison.linked_alone:
            return None
        return docs[0]

    def alone(self, group_index: int) -> int | None:
        """The single article in this row, unique or not."""
        docs = self.groups[group_index].docs
        return docs[0] if len(docs) == 1 else None

    def similarity(self, group_index: int, doc: int) -> float | None:
        ref = self.reference(group_index)
        if doc == ref:
            return None
        pd = self.pair(group_index, ref, doc)
        return None if pd is None else pd.similarity

    # -- furniture and links ----------------------------------------------
    def run_of(self, group_index: int) -> tuple[int, ...] | None:
        """The groups a collapsed furniture row stands for, or None for an ordinary row."""
        return self.runs.get(group_index)

    def is_furniture(self, group_index: int) -> bool:
        """A row made only of page furniture: the keys that look for material skip it."""
        return group_index in self.furniture

    def run_sentences(self, group_index: int) -> tuple[int, tuple[int, ...]]:
        """How many furniture sentences a collapsed row holds, and whose they are."""
        run = self.runs.get(group_index, (group_index,))
        members = [m for g in run for m in self.groups[g].members]
        return len(members), tuple(sorted({m.doc for m in members}))

    def elsewhere(self, group_index: int, doc: int) -> tuple[tuple[Link, Member, int], ...]:
        """Links from ``doc``'s sentences in this row to sentences in other rows:
        each link, the sentence at its other end, and that sentence's group."""
        key = (group_index, doc)
        found = self._elsewhere.get(key)
        if found is None:
            comparison = self.comparison
            index = comparison.group_index
            out = []
            for n in self.groups[group_index].sentences_of(doc):
                member = Member(doc, n)
                for link in comparison.elsewhere(member):
                    other = link.other(member)
                    if other in index:
                        out.append((link, other, index[other]))
            out.sort(key=lambda t: (self.row_of_group.get(t[2], 0), t[1]))
            found = self._elsewhere[key] = tuple(out)
        return found

    def linked_in(self, doc: int, sentence: int, other: int) -> list[int]:
        """``other``'s sentences this one links to from outside their rows (a sentence
        that also matches elsewhere), in order."""
        member = Member(doc, sentence)
        return sorted(
            {
                link.other(member).sentence
                for link in self.comparison.elsewhere(member)
                if link.other(member).doc == other
            }
        )

    @property
    def shown(self) -> frozenset[int] | None:
        """The articles on screen, or None when all are."""
        return self.config[2] if self.config else None

    def on_screen(self, doc: int) -> bool:
        """Whether the article is among those shown (all are, unless configured otherwise)."""
        shown = self.shown
        return shown is None or doc in shown

    def elsewhere_places(self, group_index: int, doc: int) -> tuple[list[int], list[int]]:
        """Where ``doc``'s sentences in this row also match: the rows (numbered from 1)
        that show the other sentence, and the articles not on screen that hold the rest.

        A partner in an article not shown has no row to point at: the row it would
        fold into shows other sentences, which would read as the match.
        """
        rows: set[int] = set()
        off: set[int] = set()
        for _, other, group in self.elsewhere(group_index, doc):
            if self.on_screen(other.doc):
                rows.add(self.row_of_group.get(group, 0) + 1)
            else:
                off.add(other.doc)
        return sorted(rows), sorted(off)


def _rows(
    order: list[int], off_screen: set[int], furniture: frozenset[int]
) -> tuple[list[int], dict[int, int], dict[int, tuple[int, ...]]]:
    """Rows shown for ``order``: off-screen groups left out, runs of ``furniture`` groups
    folded into their first.  Every group maps to a row: its own, its run's, or (left
    out) the next row shown, the last one at the end."""
    shown: list[int] = []
    row_of: dict[int, int] = {}
    runs: dict[int, list[int]] = {}
    pending: list[int] = []
    head: int | None = None  # the run being collected
    for g in order:
        if g in off_screen:
            pending.append(g)
            continue
        if g in furniture and head is not None:
            runs[head].append(g)
            row_of[g] = row_of[head]
        else:
            row = len(shown)
            shown.append(g)
            row_of[g] = row
            head = g if g in furniture else None
            if head is not None:
                runs[head] = [g]
        for p in pending:
            row_of[p] = row_of[g]
        pending.clear()
    for p in pending:
        row_of[p] = max(len(shown) - 1, 0)
    return shown, row_of, {h: tuple(gs) for h, gs in runs.items()}
