"""Pane headers: which article each column is, how long it is, how much of it is matched.

A header is drawn at the width its column has now (never a width guessed
before the first layout), and its facts shrink to a short form before
anything is cut, so the pivot and focus marks always show.  A title too long
for its column ends in "…"; the tall details panel (d) and the overview list
every title in full.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from sidebyside.app.layout import GUTTER, Column
from sidebyside.app.styles import ellipsize

STYLE_NAMES = ("number", "number-focused", "name", "facts", "facts-focused", "rule")


def header_text(
    number: int,
    name: str,
    facts: tuple[str, str],
    width: int,
    *,
    focused: bool,
    pivot: bool,
    styles: dict[str, Style],
) -> tuple[Text, Text]:
    """Two lines for one pane, ``width`` cells each: ``N title`` and its facts with the
    pivot and focus marks (``facts``: a full and a short form; the full one when it fits)."""
    marks = (" ◆ pivot" if pivot else "") + (" ● focus" if focused else "")
    if cell_len(facts[1] + marks) > width:  # the marks alone, before the facts are cut
        marks = (" ◆" if pivot else "") + (" ●" if focused else "")
    title = Text(no_wrap=True, overflow="ellipsis")
    title.append(f"{number} ", styles["number-focused" if focused else "number"])
    title.append(ellipsize(name, max(1, width - len(f"{number} "))), styles["name"])
    full, short = facts
    chosen = full if cell_len(full + marks) <= width else short
    if cell_len(chosen + marks) > width:
        chosen = ellipsize(chosen, max(1, width - cell_len(marks)))
    sub = Text(no_wrap=True)
    sub.append(ellipsize(chosen + marks, width), styles["facts-focused" if focused else "facts"])
    for line in (title, sub):
        line.pad_right(max(0, width - line.cell_len))
        line.truncate(width)
    return title, sub


class _HeaderStyles(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"pane-headers--{n}" for n in STYLE_NAMES}

    def header_styles(self) -> dict[str, Style]:
        return {
            n: self.get_component_rich_style(f"pane-headers--{n}", partial=True)
            for n in STYLE_NAMES
        }


class PaneHeaders(_HeaderStyles):
    """The aligned view's column titles, laid out with the view's own geometry."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list = []

    def set_entries(self, entries: list[tuple[Column, str, tuple[str, str], bool, bool]]) -> None:
        """``(column, name, facts, focused, pivot)`` for every shown column."""
        if entries != self.entries:
            self.entries = entries
            self.refresh()

    def render(self) -> Text:
        styles = self.header_styles()
        top = Text(" " * GUTTER, no_wrap=True)
        bottom = Text(" " * GUTTER, no_wrap=True)
        for k, (col, name, facts, focused, pivot) in enumerate(self.entries):
            if k:
                top.append(" │ ", styles["rule"])
                bottom.append(" │ ", styles["rule"])
            title, sub = header_text(
                col.doc + 1, name, facts, col.width, focused=focused, pivot=pivot, styles=styles
            )
            top.append_text(title)
            bottom.append_text(sub)
        return Text("\n", no_wrap=True).join([top, bottom])


class ReadingHeader(_HeaderStyles):
    """One reading pane's title, drawn at the pane's own width."""

    def __init__(self, doc: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.doc = doc
        self.entry: tuple | None = None

    def set_entry(self, name: str, facts: tuple[str, str], focused: bool, pivot: bool) -> None:
        entry = (name, facts, focused, pivot)
        if entry != self.entry:
            self.entry = entry
            self.refresh()

    def render(self) -> Text:
        if self.entry is None:
            return Text()
        name, facts, focused, pivot = self.entry
        width = max(10, self.content_region.width)
        title, sub = header_text(
            self.doc + 1,
            name,
            facts,
            width,
            focused=focused,
            pivot=pivot,
            styles=self.header_styles(),
        )
        return Text("\n", no_wrap=True).join([title, sub])
