"""The note keys: add, list, jump, edit, delete and undo, export.

A controller over the comparison screen (``host.ScreenHost``): it reads the
selection from the screen's state and tells the screen when the notes
changed.  Every message agrees with what happened: nothing says "saved"
after a failed save.  The store file is watched, so notes another instance
saves show up here too.  Exports ask where first, the proposed file filled
in, and are written off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sidebyside.app.annotations import Annotations, read_notes_file
from sidebyside.app.host import ScreenHost
from sidebyside.app.messages import Busy
from sidebyside.app.note_editor import NoteDraft, NoteEditor
from sidebyside.app.notes_list import NotesList
from sidebyside.app.prompts import ExportPrompt
from sidebyside.app.state import READING
from sidebyside.engine.model import Comparison
from sidebyside.engine.note_store import ReadOnlyStore
from sidebyside.engine.notes import Anchor, Note, group_anchor, sentence_anchor

STORE_WATCH_SECONDS = 1.0
"""How often the store file's modification time is checked for another instance's notes."""


class NotesController:
    """The notes of the comparison on ``host``."""

    def __init__(self, host: ScreenHost) -> None:
        self.host = host
        self.off: str | None = None  # why the notes could not be opened, once tried
        self._watch = None

    @property
    def annotations(self) -> Annotations | None:
        return self.host.annotations

    # -- opening -----------------------------------------------------------
    def open(self, comparison: Comparison) -> None:
        """Load the notes once the articles are aligned (re-anchoring needs their sentences)."""
        host = self.host
        try:
            host.annotations = Annotations(comparison, host.notes_settings, host.state.pivot)
        except OSError as error:
            host.annotations = None
            self.off = f"Notes are off: the notes store could not be opened ({error})."
            host.notify(self.off, severity="error", timeout=15, markup=False)
            return
        self.off = None
        host.notes_changed()
        if self._watch is None:
            self._watch = host.set_interval(STORE_WATCH_SECONDS, self._watch_store)

    def reopen(self, comparison: Comparison) -> None:
        """Another set of articles: their store, with every note and correction taken so far."""
        previous = self.annotations
        self.open(comparison)
        if previous is not None and self.annotations is not None:
            self.annotations.adopt(previous)
            self.host.notes_changed()

    def _watch_store(self) -> None:
        """Show the notes another instance saved on these articles."""
        if self.annotations is not None and self.annotations.refresh():
            self.host.notes_changed()

    def change(self, change: Callable[[], object]) -> tuple[bool, object]:
        """Run a change to the notes: (saved, result).  A failed save is reported and
        the change stays in memory."""
        host = self.host
        result, saved = None, True
        try:
            result = change()
        except ReadOnlyStore as error:
            saved = False
            host.notify(
                f"Not saved: {error}. The change is kept until you quit.",
                severity="error",
                timeout=15,
                markup=False,
            )
        except OSError as error:
            saved = False
            host.notify(
                f"Could not save the notes ({error.strerror or error}). They are kept in "
                "memory and saved with the next change.",
                severity="error",
                timeout=15,
                markup=False,
            )
        host.notes_changed()
        return saved, result

    def ready(self) -> bool:
        host = self.host
        if host.rows is not None and self.annotations is None and self.off:
            host.app.bell()
            host.notify(self.off, severity="error", timeout=8, markup=False)
            return False
        if host.rows is None or self.annotations is None or host.state.group is None:
            host.app.bell()
            host.notify("Notes become available once the articles are aligned.", timeout=3)
            return False
        self.annotations.set_pivot(host.state.pivot)
        return True

    # -- adding and editing ------------------------------------------------
    def _sentence_text(self, doc: int, sentence: int) -> str:
        return self.host.documents[doc].sentences[sentence].text

    def _target(self, one_sentence: bool) -> tuple[Anchor, str, str] | None:
        """The anchor for a new note, how to name it, and the text it quotes."""
        host = self.host
        state = host.state
        comparison = host.rows.comparison
        group = comparison.groups[state.group]
        if one_sentence:
            doc = state.focused
            cursor = state.cursor(doc)
            if state.view == READING and cursor is not None:
                sentence = cursor
            else:
                own = group.sentences_of(doc)
                if not own:
                    host.app.bell()
                    host.notify(
                        f"{host.tags[doc]} has no sentence in this row: tab to another "
                        "article or press a for a note on the whole row.",
                        timeout=4,
                        markup=False,
                    )
                    return None
                sentence = min(own)
            anchor = sentence_anchor(host.documents, doc, sentence)
            where = f"Note on {host.tags[doc]}'s sentence {sentence + 1}"
            return anchor, where, self._sentence_text(doc, sentence)
        row = host.rows.row_of_group[state.group]
        first = min(group.members)
        where = f"Note on row {row + 1} ({', '.join(host.tags[d] for d in group.docs)})"
        return (
            group_anchor(comparison, state.group),
            where,
            self._sentence_text(first.doc, first.sentence),
        )

    def add(self, one_sentence: bool) -> None:
        """A note on the current row, or (``one_sentence``) on the focused article's sentence."""
        if not self.ready():
            return
        target = self._target(one_sentence)
        if target is None:
            return
        anchor, where, quote = target
        host = self.host

        def saved(draft: NoteDraft | None) -> None:
            if draft is None:
                return
            if not draft.text.strip() and not draft.tag:
                host.notify("An empty note was not saved.", timeout=3)
                return
            saved, _ = self.change(lambda: self.annotations.add(draft.text, draft.tag, anchor))
            if saved:
                host.notify("Note saved.", timeout=2)

        host.app.push_screen(NoteEditor(where, quote, self.annotations.tags, ""), saved)

    def _edit(self, note: Note, done: Callable[[], None]) -> None:
        host = self.host
        place = self.annotations.places.get(note.id)
        if place is not None and place.doc is not None:
            where = f"Note on {host.tags[place.doc]}'s sentence {place.sentence + 1}"
        elif place is not None:
            where = f"Note on row {host.rows.row_of_group[place.group] + 1}"
        else:
            where = "Detached note (its sentence is no longer in the articles)"

        def saved(draft: NoteDraft | None) -> None:
            if draft is not None:
                self.change(lambda: self.annotations.update(note.id, draft.text, draft.tag))
            done()

        editor = NoteEditor(
            where, note.anchor.quotes[0].text, self.annotations.tags, note.text, note.tag
        )
        host.app.push_screen(editor, saved)

    # -- the list ----------------------------------------------------------
    def _delete(self, note_id: str) -> None:
        saved, deleted = self.change(lambda: self.annotations.delete(note_id))
        if saved and deleted is not None:
            self.host.notify("Note deleted: ctrl+z brings it back.", timeout=4)

    def undo_delete(self) -> None:
        host = self.host
        if self.annotations is None or self.annotations.last_deleted is None:
            host.app.bell()
            host.notify("No deleted note to bring back.", timeout=2)
            return
        saved, _ = self.change(self.annotations.undo_delete)
        if saved:
            host.notify("Note restored.", timeout=2)

    def show_list(self) -> None:
        if not self.ready():
            return
        notes_list = NotesList(
            self.annotations,
            self.host.tags,
            edit=self._edit,
            delete=self._delete,
            undo=self.undo_delete,
        )
        self.host.app.push_screen(notes_list, self._jump_to)

    def _jump_to(self, note_id: str | None) -> None:
        if note_id is None:
            return
        host = self.host
        place = self.annotations.places.get(note_id)
        if place is None:
            host.app.bell()
            host.notify("That note is detached: its sentence is no longer in the articles.")
            return
        group = host.rows.comparison.groups[place.group]
        doc = place.doc
        if doc is None:
            doc = host.state.focused if host.state.focused in group.docs else group.docs[0]
        sentence = place.sentence if place.doc is not None else min(group.sentences_of(doc))
        from sidebyside.engine.model import Member

        host.select_sentence(Member(doc, sentence))

    # -- export ------------------------------------------------------------
    def export(self) -> None:
        """Ask where to write the Markdown export, proposing the usual file."""
        if not self.ready():
            return
        proposed = self.annotations.export_path()
        self.host.app.push_screen(ExportPrompt(str(proposed)), self._export_to)

    def _export_to(self, target: str | None) -> None:
        if not target:
            return
        host = self.host
        path = Path(target).expanduser()
        problem = _export_problem(path, self.annotations)
        if problem:
            host.app.bell()
            host.notify(f"Not exported: {problem}", severity="error", timeout=8, markup=False)
            return
        annotations = self.annotations
        count = len(annotations.notes)
        host.post_message(Busy("exporting notes", True))

        def write() -> None:
            try:
                written = annotations.write_markdown(path).resolve()
            except OSError as error:
                message = f"Could not export the notes: {error.strerror or error}"
                host.notify(message, severity="error", markup=False)  # posts: thread-safe
            else:
                host.notify(f"{count} note(s) exported to {written}", timeout=8, markup=False)
            finally:
                host.post_message(Busy("exporting notes", False))

        host.run_worker(write, thread=True, group="export")


def _export_problem(path: Path, annotations: Annotations) -> str | None:
    """Why ``path`` must not be written, or None: a folder, or a file that is not ours."""
    if path.is_dir():
        return f"{path} is a folder."
    if annotations.settings.notes_file and path == Path(annotations.settings.notes_file):
        return None
    if not path.exists():
        return None
    try:
        parsed = read_notes_file(path)
    except (OSError, UnicodeDecodeError):
        return f"{path} exists and cannot be read as a notes export."
    if parsed is not None and not parsed.recognised:
        return f"{path} exists and is not a sidebyside notes export; choose another file."
    return None
