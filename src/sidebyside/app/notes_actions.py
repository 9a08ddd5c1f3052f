"""The comparison screen's note keys: add, list, jump, edit, delete and undo, export.

A mixin so the screen module keeps its own concerns; it uses the screen's
selection (view, focused article, current row, reading cursor) and tells
the views and the details strip when notes change.  Every message agrees
with what happened: nothing says "saved" after a failed save.  The store
file is watched, so notes another instance saves show up here too.
"""

from __future__ import annotations

from collections.abc import Callable

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.annotations import Annotations, NotesSettings
from sidebyside.app.details import DetailsStrip
from sidebyside.app.note_editor import NoteDraft, NoteEditor
from sidebyside.app.notes_list import NotesList
from sidebyside.app.reading_view import ReadingPane
from sidebyside.engine.model import Comparison
from sidebyside.engine.note_store import ReadOnlyStore
from sidebyside.engine.notes import Anchor, Note, group_anchor, sentence_anchor

READING = "reading"
STORE_WATCH_SECONDS = 1.0
"""How often the store file's modification time is checked for another instance's notes."""


class NotesActions:
    """Note actions for ``ComparisonScreen`` (which provides the selection state)."""

    annotations: Annotations | None = None
    notes_settings: NotesSettings = NotesSettings()
    notes_off: str | None = None  # why the notes could not be opened, once tried
    _store_watch = None

    # -- opening -----------------------------------------------------------
    def _open_notes(self, comparison: Comparison) -> None:
        """Load the notes once the articles are aligned (re-anchoring needs their sentences)."""
        try:
            self.annotations = Annotations(comparison, self.notes_settings, self.pivot)
        except OSError as error:
            self.annotations = None
            self.notes_off = f"Notes are off: the notes store could not be opened ({error})."
            self.notify(self.notes_off, severity="error", timeout=15, markup=False)
            return
        self.notes_off = None
        self._after_notes_change()
        if self._store_watch is None:
            self._store_watch = self.set_interval(STORE_WATCH_SECONDS, self._watch_store)

    def _watch_store(self) -> None:
        """Show the notes another instance saved on these articles."""
        if self.annotations is not None and self.annotations.refresh():
            self._after_notes_change()

    def _after_notes_change(self) -> None:
        for warning in self.annotations.take_warnings():
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.query_one(AlignedView).set_note_marks(self.annotations)
        for pane in self.query(ReadingPane):
            pane.set_note_marks(self.annotations)
        details = self.query_one(DetailsStrip)
        details.annotations = self.annotations
        if self.rows is not None and self.current_group is not None:
            details.show_row(self.rows, self.current_group, self.tags, self.shown_docs())

    def _change(self, change: Callable[[], object]) -> tuple[bool, object]:
        """Run a change to the notes: (saved, result).  A failed save is reported and
        the change stays in memory."""
        result, saved = None, True
        try:
            result = change()
        except ReadOnlyStore as error:
            saved = False
            self.notify(
                f"Not saved: {error}. The change is kept until you quit.",
                severity="error",
                timeout=15,
                markup=False,
            )
        except OSError as error:
            saved = False
            self.notify(
                f"Could not save the notes ({error.strerror or error}). They are kept in "
                "memory and saved with the next change.",
                severity="error",
                timeout=15,
                markup=False,
            )
        self._after_notes_change()
        return saved, result

    def _notes_ready(self) -> bool:
        if self.rows is not None and self.annotations is None and self.notes_off:
            self.app.bell()
            self.notify(self.notes_off, severity="error", timeout=8, markup=False)
            return False
        if self.rows is None or self.annotations is None or self.current_group is None:
            self.app.bell()
            self.notify("Notes become available once the articles are aligned.", timeout=3)
            return False
        self.annotations.set_pivot(self.pivot)
        return True

    # -- adding and editing ------------------------------------------------
    def _sentence_text(self, doc: int, sentence: int) -> str:
        return self.documents[doc].sentences[sentence].text

    def _target(self, one_sentence: bool) -> tuple[Anchor, str, str] | None:
        """The anchor for a new note, how to name it, and the text it quotes."""
        comparison = self.rows.comparison
        group = comparison.groups[self.current_group]
        if one_sentence:
            doc = self.focused_doc
            if self.view == READING and doc in self.reading_cursor:
                sentence = self.reading_cursor[doc]
            else:
                own = group.sentences_of(doc)
                if not own:
                    self.app.bell()
                    self.notify(
                        f"{self.tags[doc]} has no sentence in this row: tab to another article "
                        "or press a for a note on the whole row.",
                        timeout=4,
                        markup=False,
                    )
                    return None
                sentence = min(own)
            anchor = sentence_anchor(self.documents, doc, sentence)
            where = f"Note on {self.tags[doc]}'s sentence {sentence + 1}"
            return anchor, where, self._sentence_text(doc, sentence)
        row = self.rows.row_of_group[self.current_group]
        first = min(group.members)
        where = f"Note on row {row + 1} ({', '.join(self.tags[d] for d in group.docs)})"
        return (
            group_anchor(comparison, self.current_group),
            where,
            self._sentence_text(first.doc, first.sentence),
        )

    def _add(self, one_sentence: bool) -> None:
        if not self._notes_ready():
            return
        target = self._target(one_sentence)
        if target is None:
            return
        anchor, where, quote = target

        def saved(draft: NoteDraft | None) -> None:
            if draft is None:
                return
            if not draft.text.strip() and not draft.tag:
                self.notify("An empty note was not saved.", timeout=3)
                return
            saved, _ = self._change(lambda: self.annotations.add(draft.text, draft.tag, anchor))
            if saved:
                self.notify("Note saved.", timeout=2)

        self.app.push_screen(NoteEditor(where, quote, self.annotations.tags, ""), saved)

    def action_add_note(self) -> None:
        """On the current row in the aligned view, on the cursor sentence in the reading view."""
        self._add(one_sentence=self.view == READING)

    def action_add_sentence_note(self) -> None:
        self._add(one_sentence=True)

    def _edit_note(self, note: Note, done: Callable[[], None]) -> None:
        place = self.annotations.places.get(note.id)
        if place is not None and place.doc is not None:
            where = f"Note on {self.tags[place.doc]}'s sentence {place.sentence + 1}"
        elif place is not None:
            where = f"Note on row {self.rows.row_of_group[place.group] + 1}"
        else:
            where = "Detached note (its sentence is no longer in the articles)"

        def saved(draft: NoteDraft | None) -> None:
            if draft is not None:
                self._change(lambda: self.annotations.update(note.id, draft.text, draft.tag))
            done()

        editor = NoteEditor(
            where, note.anchor.quotes[0].text, self.annotations.tags, note.text, note.tag
        )
        self.app.push_screen(editor, saved)

    # -- the list ----------------------------------------------------------
    def _delete_note(self, note_id: str) -> None:
        saved, deleted = self._change(lambda: self.annotations.delete(note_id))
        if saved and deleted is not None:
            self.notify("Note deleted: ctrl+z brings it back.", timeout=4)

    def action_undo_delete_note(self) -> None:
        if self.annotations is None or self.annotations.last_deleted is None:
            self.app.bell()
            self.notify("No deleted note to bring back.", timeout=2)
            return
        saved, _ = self._change(self.annotations.undo_delete)
        if saved:
            self.notify("Note restored.", timeout=2)

    def action_notes_list(self) -> None:
        if not self._notes_ready():
            return
        notes_list = NotesList(
            self.annotations,
            self.tags,
            edit=self._edit_note,
            delete=self._delete_note,
            undo=self.action_undo_delete_note,
        )
        self.app.push_screen(notes_list, self._jump_to_note)

    def _jump_to_note(self, note_id: str | None) -> None:
        if note_id is None:
            return
        place = self.annotations.places.get(note_id)
        if place is None:
            self.app.bell()
            self.notify("That note is detached: its sentence is no longer in the articles.")
            return
        group = self.rows.comparison.groups[place.group]
        if self.view == READING:
            doc = place.doc
            if doc is None:
                doc = self.focused_doc if self.focused_doc in group.docs else group.docs[0]
            sentence = place.sentence if place.doc is not None else min(group.sentences_of(doc))
            self.hidden.discard(doc)
            self.focused_doc = doc
            self._relayout_panes()
            self._reading_pane(doc).focus()
            self._set_reading_cursor(doc, sentence)
            return
        if place.doc is not None and place.doc != self.focused_doc:
            self.hidden.discard(place.doc)
            self.focused_doc = place.doc
            self._relayout_panes()
        self._select_group(place.group)

    # -- export ------------------------------------------------------------
    def action_export_notes(self) -> None:
        if not self._notes_ready():
            return
        try:
            path = self.annotations.export()
        except OSError as error:
            self.notify(
                f"Could not export the notes: {error.strerror or error}",
                severity="error",
                markup=False,
            )
            return
        count = len(self.annotations.notes)
        self.notify(f"{count} note(s) exported to {path}", timeout=8, markup=False)
