"""Picking the sentence to link to: another article's sentences, the candidate highlighted.

Up and down move the candidate, left and right (or tab) switch the article,
enter links, escape cancels.  The list starts on the sentence nearest to the
current row, so the likely counterpart is usually one or two keys away.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sidebyside.app.rows import RowModel
from sidebyside.engine.model import Member
from sidebyside.engine.sanitize import visible

QUOTE_MAX = 200


def _short(text: str, limit: int = QUOTE_MAX) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nearest_sentence(rows: RowModel, group_index: int, doc: int) -> int:
    """``doc``'s sentence in this row, else in the nearest row (below first, then above)."""
    own = rows.groups[group_index].sentences_of(doc)
    if own:
        return min(own)
    order = rows.order
    here = rows.row_of_group.get(group_index, 0)
    for step in range(1, len(order)):
        for row in (here + step, here - step):
            if 0 <= row < len(order):
                found = rows.groups[order[row]].sentences_of(doc)
                if found:
                    return min(found)
    return 0


class LinkPicker(ModalScreen[Member | None]):
    """Choose the sentence ``source`` should be linked to; dismisses with it, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-link"),
        Binding("left,shift+tab", "other_article(-1)", "Previous article", id="link-previous"),
        Binding("right,tab", "other_article(1)", "Next article", id="link-next"),
    ]

    def __init__(
        self,
        rows: RowModel,
        source: Member,
        group_index: int,
        tags: list[str],
        candidates: list[int],
        start_doc: int,
    ) -> None:
        super().__init__()
        self.rows = rows
        self.source = source
        self.group_index = group_index
        self.tags = tags
        self.candidates = candidates  # articles that may be linked to, in pane order
        self.doc = start_doc

    def compose(self) -> ComposeResult:
        sentence = self.rows.documents[self.source.doc].sentences[self.source.sentence]
        with Vertical(id="link-box"):
            title = Text("Link ", "bold")
            title.append(f"{self.tags[self.source.doc]}'s sentence {self.source.sentence + 1}")
            title.append(" to a sentence of another article", "bold")
            yield Static(title, id="link-title")
            yield Static(Text(_short(sentence.text)), id="link-source")
            yield Static(id="link-article")
            yield OptionList(id="link-options")
            yield Static(
                Text("↑/↓ choose · ←/→ other article · enter links · escape cancels"),
                id="link-hint",
            )

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        rows, doc = self.rows, self.doc
        bar = Text("Article: ", "bold")
        for k, d in enumerate(self.candidates):
            if k:
                bar.append("  ")
            label = f"{d + 1} {self.tags[d]}"
            bar.append(f"▶ {label} ◀" if d == doc else label, "bold reverse" if d == doc else "")
        self.query_one("#link-article", Static).update(bar)
        index = rows.comparison.group_index
        here = index[self.source]
        options = []
        for s in rows.documents[doc].sentences:
            prompt = Text(f"{s.index + 1:>4} ", "dim")
            if index[Member(doc, s.index)] == here:
                prompt.append("(same row already) ", "italic")
            prompt.append(_short(s.text, 160))
            options.append(Option(prompt, id=str(s.index)))
        listing = self.query_one("#link-options", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = nearest_sentence(rows, self.group_index, doc)
            listing.scroll_to_highlight(top=False)
        listing.focus()

    def action_other_article(self, step: int) -> None:
        k = self.candidates.index(self.doc)
        self.doc = self.candidates[(k + step) % len(self.candidates)]
        self._fill()

    @on(OptionList.OptionSelected, "#link-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Member(self.doc, int(event.option.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
