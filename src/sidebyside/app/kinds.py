"""Labelled divergences of the rows on screen: computed per row on demand, then kept.

The labels (number, name, quote, attribution, time, hedge) come from the
engine's ``classify_group``, against the row's reference (the pivot, else its
first article), between sentences the row's links join; a change several
articles share is one label naming them all.  No Textual import.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from sidebyside.app.rows import RowModel
from sidebyside.engine.divergence import (
    ATTRIBUTION,
    HEDGE,
    KINDS,
    NAME,
    NUMBER,
    QUOTE,
    TIME,
    Divergence,
    classify_group,
)
from sidebyside.engine.model import Group
from sidebyside.engine.sanitize import visible

# Component class of each kind (declared by the widgets that show labels).
KIND_CLASSES = {kind: f"kind--{kind}" for kind in KINDS}
# A mark per kind so a label reads without colour, next to its name.
KIND_MARKS = {
    NUMBER: "#",
    NAME: "Aa",
    QUOTE: "“”",
    ATTRIBUTION: "says",
    TIME: "when",
    HEDGE: "~",
}
# How the command palette and the top bar name a kind filter.
KIND_PLURALS = {
    NUMBER: "numbers",
    NAME: "names",
    QUOTE: "quotes",
    ATTRIBUTION: "attributions",
    TIME: "times",
    HEDGE: "hedges",
}


class KindIndex:
    """Each row's labelled divergences against its reference, computed once per row."""

    def __init__(self, rows: RowModel) -> None:
        self.rows = rows
        self._found: dict[tuple[int, int], tuple[Divergence, ...]] = {}

    def of(self, group_index: int) -> tuple[Divergence, ...]:
        rows = self.rows
        ref = rows.reference(group_index)
        key = (group_index, ref)
        found = self._found.get(key)
        if found is None:
            group = rows.groups[group_index]
            found = ()
            if group.is_shared:
                others = [d for d in group.docs if d != ref]
                diffs = tuple(p for p in (rows.pair(group_index, ref, d) for d in others) if p)
                with_diffs = Group(group.members, group.score, diffs, group.links)
                found = classify_group(rows.documents, with_diffs, [(ref, d) for d in others])
            self._found[key] = found
        return found

    def kinds(self, group_index: int) -> frozenset[str]:
        return frozenset(d.kind for d in self.of(group_index))

    def kinds_on_screen(self, group_index: int) -> frozenset[str]:
        """The kinds of the row's labels between articles on screen, on both sides: what a
        kind filter's ``n`` looks for, since a label between articles not shown has
        nothing to point at."""
        seen = self.rows.on_screen
        return frozenset(
            d.kind
            for d in self.of(group_index)
            if any(map(seen, d.a_docs)) and any(map(seen, d.b_docs))
        )


def kind_index(rows: RowModel) -> KindIndex:
    """The index of ``rows`` (kept on the rows, so a new comparison starts a new one)."""
    index = getattr(rows, "_kind_index", None)
    if index is None or index.rows is not rows:
        index = KindIndex(rows)
        rows._kind_index = index
    return index


def kind_label(kind: str, style: Style | None = None) -> Text:
    """``[# number]``: the kind's mark and name, in its style."""
    return Text(f"[{KIND_MARKS[kind]} {kind}]", style or "")


def labels_text(divergences: tuple[Divergence, ...], styles: dict[str, Style]) -> Text:
    """The row's divergences, one after another: label, then what changed."""
    out = Text(no_wrap=False, overflow="fold")
    if not divergences:
        return out
    out.append("Labels: ", "bold")
    for k, div in enumerate(divergences):
        if k:
            out.append(" · ", "dim")
        out.append_text(kind_label(div.kind, styles.get(div.kind)))
        out.append(" ")
        out.append(visible(div.description))  # article text: no control characters
    return out
