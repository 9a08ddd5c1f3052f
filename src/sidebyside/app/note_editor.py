"""The note editor: a multi-line note and a tag, saved with ctrl+s, never lost to a stray escape.

Everything it shows is made visible first (the quoted sentence, the note's
text, the tags): an article or a notes file holding terminal escapes must
not reach the terminal through the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static, TextArea

from sidebyside.engine.notes import clean_tag
from sidebyside.engine.sanitize import one_line, visible, visible_lines

QUOTE_MAX = 300


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the editor hands back: the note text and its tag (None: no tag)."""

    text: str
    tag: str | None


class ConfirmDiscard(ModalScreen[bool]):
    """Asks before throwing away typed text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Discard", id="discard-yes"),
        Binding("n,escape", "answer(False)", "Keep editing", id="discard-no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content("Discard this note? Its text is not saved."))
            hint = Content("y discards · n or escape goes back to the note")
            yield Static(hint, id="confirm-hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Edits one note; dismisses with a ``NoteDraft`` on save, None on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="save-note"),
        Binding("escape", "cancel", "Cancel", id="cancel-note"),
        Binding("ctrl+t", "next_tag", "Next tag", id="next-tag"),
    ]

    def __init__(
        self, where: str, quote: str, tags: list[str], text: str = "", tag: str | None = None
    ) -> None:
        super().__init__()
        self.where = one_line(where)
        quote = visible(quote)
        self.quote = quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…"
        self.tags = [t for t in (clean_tag(t) for t in tags) if t]
        self.initial = NoteDraft(visible_lines(text), clean_tag(tag))

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Content(self.where), id="note-where")
            yield Static(Content(self.quote), id="note-quote")
            yield TextArea(self.initial.text, id="note-text", soft_wrap=True)
            with Horizontal(id="note-tag-row"):
                yield Static(Content("Tag"), id="note-tag-label")
                yield Input(
                    self.initial.tag or "",
                    placeholder="none (type one, or ctrl+t to pick)",
                    suggester=SuggestFromList(self.tags, case_sensitive=False),
                    id="note-tag",
                )
            yield Static(Content("Tags: " + ", ".join(self.tags)), id="note-tags")
            yield Static(
                Content("ctrl+s saves · escape cancels · tab moves to the tag · ctrl+t next tag"),
                id="note-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def draft(self) -> NoteDraft:
        text = self.query_one("#note-text", TextArea).text
        return NoteDraft(text.strip("\n"), clean_tag(self.query_one("#note-tag", Input).value))

    def action_next_tag(self) -> None:
        field = self.query_one("#note-tag", Input)
        current = clean_tag(field.value)
        k = self.tags.index(current) + 1 if current in self.tags else 0
        field.value = self.tags[k] if k < len(self.tags) else ""

    def action_save(self) -> None:
        self.dismiss(self.draft())

    def action_cancel(self) -> None:
        draft = self.draft()
        if draft == self.initial or (not draft.text.strip() and not self.initial.text):
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDiscard(), answered)
