"""Small questions the app asks: where to export, which article to add, whether to drop one.

Everything they show is built as ``Content`` (never markup), and what the
reader types or pastes comes back as plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from sidebyside.engine.sanitize import one_line, visible


class ExportPrompt(ModalScreen[str | None]):
    """Where to write the notes export; dismisses with the path, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
    ]

    def __init__(self, proposed: str) -> None:
        super().__init__()
        self.proposed = proposed
        # A file name may hold control characters: the field shows them as symbols
        # (an Input draws its value as it is), and left as shown it means the real name.
        self.shown = visible(proposed)

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Content("Export the notes as Markdown to:"), id="prompt-title")
            yield Input(self.shown, id="export-path")
            yield Static(
                Content("enter writes the file (an existing export is replaced) · escape cancels"),
                id="prompt-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(self.proposed if value == self.shown.strip() else value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """What the reader asked to add: a file or web address, or pasted text."""

    location: str = ""
    text: str = ""


class AddArticlePrompt(ModalScreen[ArticleSource | None]):
    """A path or web address, or text pasted in; ctrl+s (or enter on the address) adds it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "add", "Add article", id="add-article-now"),
        Binding("escape", "cancel", "Cancel", id="cancel-add-article"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="tall"):
            yield Static(Content("Add an article"), id="prompt-title")
            yield Input(placeholder="a file or a web address (https://…)", id="article-location")
            yield Static(Content("… or paste its text here:"), id="article-paste-label")
            yield TextArea(id="article-text", soft_wrap=True)
            yield Static(
                Content("enter on the address, or ctrl+s, adds it · tab moves · escape cancels"),
                id="prompt-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#article-location", Input).focus()

    def _source(self) -> ArticleSource:
        location = self.query_one("#article-location", Input).value.strip()
        text = self.query_one("#article-text", TextArea).text
        return ArticleSource(location, text if not location else "")

    @on(Input.Submitted, "#article-location")
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_add()

    def action_add(self) -> None:
        source = self._source()
        if not source.location and not source.text.strip():
            self.app.bell()
            self.notify("Type a file or web address, or paste the article's text.", timeout=3)
            return
        self.dismiss(source)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDrop(ModalScreen[bool]):
    """Asks before dropping an article from the comparison."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Drop", id="drop-yes"),
        Binding("n,escape", "answer(False)", "Keep", id="drop-no"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.article = one_line(name)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(f"Drop {self.article} from the comparison?"))
            yield Static(
                Content("Its notes are kept (detached until it is added again)."),
                id="confirm-note",
            )
            yield Static(Content("y drops it · n or escape keeps it"), id="confirm-hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
