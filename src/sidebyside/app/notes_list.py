"""The list of notes in reading order: enter jumps to one, e edits, d deletes, ctrl+z undoes.

The note column takes the width the table has; under the table the
highlighted note and its sentence are shown in full, so no note is cut
without a way to read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from sidebyside.app.annotations import Annotations
from sidebyside.engine.notes import Note
from sidebyside.engine.sanitize import visible
from sidebyside.report.notes_markdown import ordered

FIRST_WORDS = 8
NOTE_MIN = 20  # the note column never gets narrower than this
OTHER_COLUMNS = 4 * 3 + 12 + 14  # cell padding, the tag and article columns


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = visible(text).split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def one_line(text: str, limit: int) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NotesList(ModalScreen[str | None]):
    """Dismisses with the id of the note to jump to, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="notes-edit"),
        Binding("d", "delete", "Delete", id="notes-delete"),
        Binding("ctrl+z", "undo", "Undo delete", id="notes-undo"),
        Binding("escape,m,q", "close", "Close", id="notes-close"),
    ]

    def __init__(
        self,
        annotations: Annotations,
        tags: list[str],
        edit: Callable[[Note, Callable[[], None]], None],
        delete: Callable[[str], None],
        undo: Callable[[], None],
    ) -> None:
        super().__init__()
        self.annotations = annotations
        self.doc_tags = tags
        self._edit = edit
        self._delete = delete
        self._undo = undo

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Static(Content("Notes"), id="notes-title")
            yield DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="notes-preview")
            yield Static(
                Content("enter jumps · e edits · d deletes · ctrl+z undoes the delete · escape"),
                id="notes-hint",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Tag", "Article", "Sentence", "Note")
        self.refill()
        table.focus()

    def _note_width(self) -> int:
        """Room for the note column: the table's width less the other columns'."""
        width = self.query_one(DataTable).size.width or (self.app.size.width * 95 // 100 - 4)
        sentence = FIRST_WORDS * 8
        return max(NOTE_MIN, width - OTHER_COLUMNS - sentence)

    def on_resize(self) -> None:
        if self.is_mounted and self.query(DataTable):
            self.refill(select=self._current())

    def _row(self, note: Note) -> tuple[Text, Text, Text, Text]:
        place = self.annotations.places.get(note.id)
        documents = self.annotations.documents
        if place is None:
            article = "detached"
            quote = note.anchor.quotes[0].text
        elif place.doc is None:
            docs = self.annotations.comparison.groups[place.group].docs
            article = "row: " + ", ".join(self.doc_tags[d] for d in docs)
            first = min(self.annotations.comparison.groups[place.group].members)
            quote = documents[first.doc].sentences[first.sentence].text
        else:
            article = self.doc_tags[place.doc]
            quote = documents[place.doc].sentences[place.sentence].text
        return (
            Text(visible(note.tag or "—")),
            Text(article),
            Text(first_words(quote)),
            Text(one_line(note.text, self._note_width()) or "(no text)"),
        )

    def refill(self, select: str | None = None) -> None:
        """Rebuild the rows, keeping the cursor on ``select`` or near where it was."""
        table = self.query_one(DataTable)
        where = table.cursor_row
        table.clear()
        notes = ordered(self.annotations.notes, self.annotations.comparison, self.annotations.pivot)
        for note in notes:
            table.add_row(*self._row(note), key=note.id)
        title = f"Notes ({len(notes)})" if notes else "No notes yet: press a on a row to add one"
        self.query_one("#notes-title", Static).update(Content(title))
        if select is not None and select in {n.id for n in notes}:
            table.move_cursor(row=table.get_row_index(select))
        elif notes:
            table.move_cursor(row=min(where, len(notes) - 1))

    def _current(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    @on(DataTable.RowHighlighted)
    def _preview(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted note and its sentence, in full."""
        note = self.annotations.store.get(event.row_key.value) if event.row_key else None
        preview = Text()
        if note is not None:
            preview.append(visible(note.tag or "note"), "bold")
            preview.append(": ")
            preview.append(" ".join(visible(note.text).split()) or "(no text)")
            preview.append("\n")
            preview.append("On: ", "dim")
            preview.append(" ".join(visible(note.anchor.quotes[0].text).split()), "italic")
        self.query_one("#notes-preview", Static).update(preview)

    @on(DataTable.RowSelected)
    def _jump(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_edit(self) -> None:
        note_id = self._current()
        note = self.annotations.store.get(note_id) if note_id else None
        if note is not None:
            self._edit(note, lambda: self.refill(select=note.id))

    def action_delete(self) -> None:
        note_id = self._current()
        if note_id:
            self._delete(note_id)
            self.refill()

    def action_undo(self) -> None:
        restored = self.annotations.last_deleted
        self._undo()
        self.refill(select=restored.id if restored else None)

    def action_close(self) -> None:
        self.dismiss(None)
