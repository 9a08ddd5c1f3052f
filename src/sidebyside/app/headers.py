"""Pane headers: which article each column is, how long it is, how much of it is matched."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from sidebyside.app.layout import GUTTER, SEPARATOR, Column
from sidebyside.app.styles import ellipsize


def header_text(
    number: int,
    name: str,
    facts: str,
    width: int,
    *,
    focused: bool,
    pivot: bool,
    styles: dict[str, Style],
) -> tuple[Text, Text]:
    """Two lines for one pane: ``N name`` and its facts, each cut to ``width``."""
    marks = (" ◆ pivot" if pivot else "") + (" ● focus" if focused else "")
    title = Text(no_wrap=True, overflow="ellipsis")
    title.append(f"{number} ", styles["number-focused" if focused else "number"])
    title.append(ellipsize(name, max(1, width - len(f"{number} "))), styles["name"])
    sub = Text(no_wrap=True)
    sub.append(ellipsize(facts + marks, width), styles["facts-focused" if focused else "facts"])
    for line in (title, sub):
        line.pad_right(max(0, width - line.cell_len))
        line.truncate(width)
    return title, sub


class PaneHeaders(Widget):
    """The aligned view's column titles, laid out with the view's own geometry."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane-headers--number",
        "pane-headers--number-focused",
        "pane-headers--name",
        "pane-headers--facts",
        "pane-headers--facts-focused",
        "pane-headers--rule",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[Column, str, str, bool, bool]] = []

    def set_entries(self, entries: list[tuple[Column, str, str, bool, bool]]) -> None:
        """``(column, name, facts, focused, pivot)`` for every shown column."""
        self.entries = entries
        self.refresh()

    def _styles(self) -> dict[str, Style]:
        names = ("number", "number-focused", "name", "facts", "facts-focused", "rule")
        return {n: self.get_component_rich_style(f"pane-headers--{n}", partial=True) for n in names}

    def render(self) -> Text:
        styles = self._styles()
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
        assert SEPARATOR == 3
        return Text("\n", no_wrap=True).join([top, bottom])
