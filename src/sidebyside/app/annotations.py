"""The app's notes: the store, the ``--notes`` file, and where each note sits on screen.

Every change goes to the store at once and, when a notes file was named,
to that file too.  Views ask ``noted`` / ``row_label`` to draw their
markers; the screen asks ``notes_of_group`` for the details strip.  No
Textual import.
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
        if settings.notes_file:
            parsed = read_notes_file(settings.notes_file)
            if parsed is not None:
                self.warnings += [f"{settings.notes_file}: {p}" for p in parsed.problems]
                for tag in parsed.tags:
                    self.store.add_tag(tag, save=False)
                self.store.merge_in(parsed.articles, parsed.notes, parsed.corrections)
                self.warnings += self.store.warnings
                self.store.warnings.clear()
        self.base = comparison  # the machine's alignment, before the user's corrections
        self.comparison = self.corrected(comparison)
        self._reindex()

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

    def _changed(self) -> None:
        self._reindex()
        self.warnings += self.store.warnings
        self.store.warnings.clear()
        if self.settings.notes_file:
            self.write_markdown(Path(self.settings.notes_file))

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

    def export(self) -> Path:
        """Write the Markdown export: to the notes file when one was named, else the data dir."""
        if self.settings.notes_file:
            target = Path(self.settings.notes_file)
        else:
            target = exports_dir(self.settings.data_dir) / f"notes-{self.store.key[:16]}.md"
        return self.write_markdown(target).resolve()

    def take_warnings(self) -> list[str]:
        out, self.warnings = self.warnings, []
        return out
