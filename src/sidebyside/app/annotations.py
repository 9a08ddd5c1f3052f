"""The app's notes: the store, the ``--notes`` file, and where each note sits on screen.

Every change goes to the store at once and, when a notes file was named,
to that file too.  Views ask ``noted`` / ``row_label`` to draw their
markers; the screen asks ``notes_of_group`` for the details strip.  No
Textual import.

The store is the truth.  A notes file read at start may carry hand edits,
which win; a damaged one (cut short, data lines broken or deleted) changes
no stored note: it is copied aside, only the notes the store lacks are taken
from it, and it is written again from the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sidebyside.engine.corrections import Correction, apply_corrections
from sidebyside.engine.model import Comparison, Document
from sidebyside.engine.note_store import NoteStore, atomic_write
from sidebyside.engine.notes import Anchor, Note, Place, clean_tag, locate, new_id
from sidebyside.engine.paths import exports_dir, notes_dir
from sidebyside.report.notes_markdown import parse_notes, render_notes

MARK = "✎"


@dataclass(frozen=True, slots=True)
class NotesSettings:
    """Where notes go: the data directory (None: the default) and an optional notes file."""

    data_dir: str | None = None
    notes_file: str | None = None


def read_notes_file(path: str | os.PathLike[str]):
    """The parsed notes file, or None when it does not exist or is empty."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    if not text.strip():
        return None
    stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return parse_notes(text, edited_at=stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


class Annotations:
    """Notes of the open comparison, indexed by row and sentence."""

    def __init__(self, comparison: Comparison, settings: NotesSettings, pivot: int = 0) -> None:
        self.comparison = comparison
        self.documents: list[Document] = comparison.documents
        self.settings = settings
        self.pivot = pivot
        self.store = NoteStore.open(self.documents, notes_dir(settings.data_dir))
        self.warnings: list[str] = list(self.store.warnings)
        self.store.warnings.clear()
        self.last_deleted: Note | None = None
        self.places: dict[str, Place | None] = {}
        self._by_group: dict[int, list[Note]] = {}
        self._sentences: dict[tuple[int, int], list[Note]] = {}
        self.base = comparison  # the machine's alignment, before the user's corrections
        damaged = False
        if settings.notes_file:
            damaged = self._read_notes_file(Path(settings.notes_file))
        self.comparison = self.corrected(comparison)
        self._reindex()
        if damaged:
            self._write_notes_file()

    def _read_notes_file(self, path: Path) -> bool:
        """Merge the notes file into the store; returns whether it was damaged."""
        parsed = read_notes_file(path)
        if parsed is None:
            return False
        for tag in parsed.tags:
            self.store.add_tag(tag, save=False)
        if not parsed.damaged:
            self.warnings += [f"{path}: {p}" for p in parsed.problems]
            self.store.merge_in(parsed.articles, parsed.notes, parsed.corrections)
            self.warnings += self.store.warnings
            self.store.warnings.clear()
            return False
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        try:
            atomic_write(aside, path.read_bytes())
        except OSError as error:
            self.warnings.append(f"{path}: damaged, and could not be copied aside ({error}).")
            aside = None
        fresh = self._not_yet_stored(parsed)
        known = {c.id for c in self.store.all_corrections}
        corrections = [c for c in parsed.corrections if c.id not in known]
        self.store.merge_in(parsed.articles, fresh, corrections)
        self.warnings += self.store.warnings
        self.store.warnings.clear()
        what = "; ".join(dict.fromkeys(parsed.damage))
        if aside is None:
            after = f"{path.name} is left as it is"
        else:
            after = f"the damaged file is kept as {aside.name} and {path.name} is written again"
        self.warnings.append(
            f"{path}: damaged ({what}). No stored note was changed by it; {len(fresh)} note(s) "
            f"the store lacked were recovered from it; {after} from the store."
        )
        return aside is not None

    def _not_yet_stored(self, parsed) -> list[Note]:
        """The notes of a damaged file that the store does not hold already.

        A note with its data is known by id; one rebuilt from its visible text
        is known by its text and quoted sentences, so no copy of a stored note
        is made (a cut-short text counts as the stored note it begins).
        """
        held = {n.id for n in self.store.all_notes}
        out = []
        for note in parsed.notes:
            if note.id in held:
                continue
            partial = note.id in parsed.partial
            if note.id in parsed.rebuilt and any(
                _same_note(note, stored, partial) for stored in self.store.notes
            ):
                continue
            out.append(note)
        return out

    # -- reading -----------------------------------------------------------
    @property
    def notes(self) -> list[Note]:
        return self.store.notes

    @property
    def tags(self) -> list[str]:
        return self.store.tags

    def _reindex(self) -> None:
        self.places.clear()
        self._by_group.clear()
        self._sentences.clear()
        for note in self.store.notes:
            place = locate(note, self.comparison, self.pivot)
            self.places[note.id] = place
            if place is None:
                continue
            self._by_group.setdefault(place.group, []).append(note)
            if place.doc is not None:
                self._sentences.setdefault((place.doc, place.sentence), []).append(note)
            else:
                for m in self.comparison.groups[place.group].members:
                    self._sentences.setdefault((m.doc, m.sentence), []).append(note)

    def notes_of_group(self, group: int) -> list[Note]:
        return self._by_group.get(group, [])

    def noted(self, doc: int, sentence: int) -> bool:
        """Whether a note covers this sentence (its own, or its whole row's)."""
        return (doc, sentence) in self._sentences

    def row_label(self, group: int, doc: int) -> str | None:
        """The marker an article's column shows above a noted row, or None."""
        here = [
            n
            for n in self._by_group.get(group, [])
            if self.places[n.id] is not None and self.places[n.id].doc in (None, doc)
        ]
        if not here:
            return None
        tags = ", ".join(dict.fromkeys(n.tag or "note" for n in here))
        return f"{MARK} {tags}" if len(here) == 1 else f"{MARK} {len(here)} notes: {tags}"

    def set_pivot(self, pivot: int) -> None:
        self.pivot = pivot
        self._reindex()

    def set_comparison(self, comparison: Comparison) -> None:
        """The articles were aligned again (refined): notes follow their sentences to new rows.

        The user's corrections are applied on top, so ``self.comparison`` may be a
        different object than ``comparison``: show that one.
        """
        self.base = comparison
        self.comparison = self.corrected(comparison)
        self._reindex()

    # -- corrections -------------------------------------------------------
    @property
    def corrections(self) -> list[Correction]:
        return self.store.corrections

    def corrected(self, comparison: Comparison) -> Comparison:
        """``comparison`` with the stored corrections applied (itself when there are none)."""
        return apply_corrections(comparison, self.store.corrections, pivot=self.pivot)

    def add_correction(self, correction: Correction) -> Correction:
        """Save a correction; the corrected comparison follows even if saving fails."""
        try:
            return self.store.put_correction(correction)
        finally:
            self.comparison = self.corrected(self.base)
            self._changed()

    # -- changing ----------------------------------------------------------
    def add(self, text: str, tag: str | None, anchor: Anchor) -> Note:
        note = self.store.put(Note(new_id(), text, clean_tag(tag), anchor))
        self._changed()
        return note

    def update(self, note_id: str, text: str, tag: str | None) -> Note | None:
        held = self.store.get(note_id)
        if held is None:
            return None
        note = self.store.put(replace(held, text=text, tag=clean_tag(tag)))
        self._changed()
        return note

    def delete(self, note_id: str) -> Note | None:
        note = self.store.delete(note_id)
        if note is not None:
            self.last_deleted = note
            self._changed()
        return note

    def undo_delete(self) -> Note | None:
        note, self.last_deleted = self.last_deleted, None
        if note is None:
            return None
        restored = self.store.restore(note)
        self._changed()
        return restored

    def add_tag(self, tag: str) -> str | None:
        return self.store.add_tag(tag)

    def refresh(self) -> bool:
        """Take in what another instance saved to the store; returns whether notes changed."""
        if not self.store.reload():
            return False
        self._reindex()
        return True

    def _changed(self) -> None:
        self._reindex()
        self.warnings += self.store.warnings
        self.store.warnings.clear()
        self._write_notes_file()

    def _write_notes_file(self) -> None:
        """Rewrite the notes file; a failure is a warning, as the store holds the notes."""
        if not self.settings.notes_file:
            return
        try:
            self.write_markdown(Path(self.settings.notes_file))
        except OSError as error:
            self.warnings.append(
                f"The notes are in the store, but {self.settings.notes_file} could not be "
                f"written ({error.strerror or error})."
            )

    # -- Markdown ------------------------------------------------------------
    def markdown(self) -> str:
        return render_notes(
            self.comparison,
            self.notes,
            tags=self.tags,
            pivot=self.pivot,
            corrections=self.store.corrections,
        )

    def write_markdown(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, self.markdown().encode("utf-8"))
        return path

    def export_path(self) -> Path:
        """Where an export goes unless the reader says otherwise: the notes file when one
        was named, else the data directory's exports folder."""
        if self.settings.notes_file:
            return Path(self.settings.notes_file)
        return exports_dir(self.settings.data_dir) / f"notes-{self.store.key[:16]}.md"

    def export(self) -> Path:
        """Write the Markdown export to ``export_path()``."""
        return self.write_markdown(self.export_path()).resolve()

    def adopt(self, previous: Annotations) -> None:
        """Take every note and correction of ``previous`` (the same story with an article
        more or less), re-anchored on these articles; notes on a dropped article's
        sentences are kept, detached."""
        store = previous.store
        self.store.merge_in(store.articles, store.all_notes, store.all_corrections)
        for tag in previous.tags:
            self.store.add_tag(tag, save=False)
        self.comparison = self.corrected(self.base)
        self._changed()

    def take_warnings(self) -> list[str]:
        out, self.warnings = self.warnings, []
        return out


def _words(text: str) -> str:
    return " ".join(text.split())


def _same_note(rebuilt: Note, stored: Note, partial: bool) -> bool:
    """Whether a note rebuilt from a damaged file is a stored note read back."""
    mine, theirs = _words(rebuilt.text), _words(stored.text)
    if not (theirs.startswith(mine) if partial else mine == theirs):
        return False
    quoted = {_words(q.text) for q in stored.anchor.quotes}
    return any(_words(q.text) in quoted for q in rebuilt.anchor.quotes)
