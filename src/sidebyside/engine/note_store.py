"""The notes store: one JSON file per set of articles, written so no note is ever lost.

* The file is named by a hash of the articles' sorted content hashes, so the
  same articles opened in any order, from any path, find their notes.
* Every write goes to a temporary file in the same directory, is flushed and
  fsynced, then renamed over the store, and the directory is fsynced.  The
  version it replaces is kept as ``.bak``.  A process killed at any point
  leaves a complete store behind, and a finished temporary file left by a
  killed writer is merged back in the next time the store is opened.
* A store that cannot be read is moved aside to ``*.corrupt-<time>`` with a
  warning, never overwritten; its backup is used when readable, and every
  note still whole in the damaged file is taken back, so the newest note
  (the one the backup lacks) survives too.
* A directory that cannot be written opens read-only: the notes are shown,
  changes stay in memory and each save says why it failed.
* ``reload`` takes in what another instance saved (the app calls it when the
  file's modification time changes).
* Writers take a lock and merge with what is on disk (by note id, later
  ``updated_at`` wins, deletions are tombstones), so two instances on the
  same articles keep each other's notes.
* When an article has changed, the store of the earlier version is adopted
  (left as it was) and its notes re-anchored; notes that cannot be placed are
  kept as detached.
* Corrections to the alignment (``corrections``) live in the same file and
  follow the same rules: merged by id, tombstones, re-anchored, detached.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sidebyside.engine.corrections import Correction, reanchor_corrections
from sidebyside.engine.model import Document
from sidebyside.engine.notes import (
    DEFAULT_TAGS,
    ArticleRef,
    Note,
    after,
    clean_tag,
    match_articles,
    merge,
    now_stamp,
    reanchor,
)

try:  # POSIX; elsewhere the merge on write still protects against most races
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

FORMAT = "sidebyside-notes"
VERSION = 1


class StoreError(Exception):
    """A store file that cannot be read as notes."""


class ReadOnlyStore(OSError):
    """The notes directory cannot be written, so nothing can be saved there."""

    def __init__(self, directory: Path, reason: str) -> None:
        message = f"the notes directory {directory} cannot be written ({reason})"
        super().__init__(errno.EROFS, message)
        self.directory = directory
        self.reason = reason

    def __str__(self) -> str:
        return self.strerror


_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)


def store_key(documents: Sequence[Document]) -> str:
    """Hash of the sorted content hashes: independent of order, paths and names."""
    joined = "\n".join(sorted(d.sha256 for d in documents))
    return hashlib.sha256(joined.encode("ascii")).hexdigest()


def encode(
    articles: Sequence[ArticleRef],
    tags: Sequence[str],
    notes: Iterable[Note],
    corrections: Iterable[Correction] = (),
) -> bytes:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "articles": [a.to_dict() for a in articles],
        "tags": list(tags),
        "notes": [n.to_dict() for n in notes],
        "corrections": [c.to_dict() for c in corrections],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def decode(raw: bytes) -> tuple[list[ArticleRef], list[str], list[Note]]:
    """Articles, tags and notes of a store file; StoreError when it is not one."""
    return decode_all(raw)[:3]


def decode_all(
    raw: bytes,
) -> tuple[list[ArticleRef], list[str], list[Note], list[Correction]]:
    """Articles, tags, notes and corrections of a store file; StoreError when it is not one.

    ``corrections`` is optional, so stores written before corrections existed still read.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreError("not a sidebyside notes store")
        if int(data.get("version", 0)) > VERSION:
            raise StoreError(f"written by a newer version (format {data['version']})")
        articles = [ArticleRef.from_dict(a) for a in _listed(data, "articles")]
        tags = [t for t in (clean_tag(str(t)) for t in _tags(data)) if t]
        notes = [Note.from_dict(n) for n in _listed(data, "notes")]
        corrections = [Correction.from_dict(c) for c in _listed(data, "corrections")]
    except StoreError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise StoreError(f"unreadable: {e}") from None
    return articles, tags, notes, corrections


def _listed(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{key!r} is not a list")
    return value


def _tags(data: dict) -> list:
    """The tag list; a lone string is one tag, never read letter by letter."""
    value = data.get("tags", [])
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []


def salvage(raw: bytes) -> tuple[list[Note], list[Correction]]:
    """Every note and correction still whole in a store file that does not parse.

    A file cut short or garbled in one place keeps most of its notes intact as
    JSON objects; each is found and read on its own.
    """
    text = raw.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    notes: list[Note] = []
    corrections: list[Correction] = []
    start = text.find("{")
    pos = text.find("{", start + 1) if start >= 0 else -1
    while pos >= 0:
        try:
            value, end = decoder.raw_decode(text, pos)
        except ValueError:
            pos = text.find("{", pos + 1)
            continue
        taken = False
        if isinstance(value, dict) and "id" in value:
            try:
                if "anchor" in value:
                    notes.append(Note.from_dict(value))
                    taken = True
                elif "action" in value:
                    corrections.append(Correction.from_dict(value))
                    taken = True
            except (ValueError, TypeError, KeyError, AttributeError):
                pass
        pos = text.find("{", end if taken else pos + 1)
    return notes, corrections


def _signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when another process replaces the file."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(path: Path, data: bytes) -> Path:
    """``data`` in a new, fsynced file beside ``path``; the caller renames it."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _commit(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old or the new file, never half."""
    _commit(_write_temp(path, data), path)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class NoteStore:
    """The notes of one set of (segmented) articles, saved at every change.

    ``warnings`` collects what the user must be told (a store moved aside,
    notes re-anchored or detached); the app shows them, the CLI prints them.
    """

    def __init__(self, documents: Sequence[Document], directory: str | os.PathLike[str]) -> None:
        self.documents = list(documents)
        self.directory = Path(directory)
        self.key = store_key(self.documents)
        self.path = self.directory / f"{self.key}.json"
        self.backup_path = self.directory / f"{self.key}.json.bak"
        self.lock_path = self.directory / f"{self.key}.lock"
        self.articles = [ArticleRef.of(d) for d in self.documents]
        self.tags: list[str] = list(DEFAULT_TAGS)
        self.warnings: list[str] = []
        self.adopted_from: Path | None = None
        self.read_only: ReadOnlyStore | None = None  # why nothing can be saved, if so
        self._notes: dict[str, Note] = {}
        self._corrections: dict[str, Correction] = {}
        self._salvaged: tuple[list[Note], list[Correction]] | None = None
        self._damage = ""
        self._disk: tuple[int, int, int] | None = None

    # -- reading -----------------------------------------------------------
    @classmethod
    def open(cls, documents: Sequence[Document], directory: str | os.PathLike[str]) -> NoteStore:
        """Load the store (recovering what a killed writer left), re-anchored on the articles."""
        store = cls(documents, directory)
        try:
            store.directory.mkdir(parents=True, exist_ok=True)
            with _locked(store.lock_path):
                found, recovered = store._read_disk()
                if not found and not recovered:
                    store._adopt_earlier()
                store._take(store._notes.values(), store._corrections.values())
                if recovered or store.adopted_from is not None:
                    store._write_locked()
        except OSError as error:
            if error.errno not in _READ_ONLY:
                raise
            store = cls(documents, directory)
            store._open_read_only(error)
        store._disk = _signature(store.path)
        detached = sum(1 for n in store.notes if n.detached)
        if detached:
            store.warnings.append(
                f"{detached} note(s) no longer match any sentence: kept as detached "
                "(listed at the end of the notes list)."
            )
        lost = sum(1 for c in store.corrections if c.detached)
        if lost:
            store.warnings.append(
                f"{lost} alignment correction(s) no longer match their sentences: kept, "
                "not applied."
            )
        return store

    def _open_read_only(self, error: OSError) -> None:
        """Show the notes of a directory that cannot be written; saving will say why not."""
        reason = (error.strerror or str(error)).lower()
        self.read_only = ReadOnlyStore(self.directory, reason)
        found = False
        for path in (self.path, self.backup_path):
            try:
                raw = path.read_bytes()
            except OSError:
                continue
            try:
                self._absorb(*decode_all(raw))
            except StoreError:
                self._absorb(self.articles, [], *salvage(raw))
            found = True
            break
        if not found:
            self._adopt_earlier()
        self._take(self._notes.values(), self._corrections.values())
        self.warnings.append(
            f"The notes directory {self.directory} cannot be written ({reason}): notes are "
            "shown, but new notes and changes cannot be saved."
        )

    def _read_file(self, path: Path) -> tuple | None:
        """A store file's contents; a corrupt one is moved aside (its whole notes kept)."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return decode_all(raw)
        except StoreError as e:
            aside = path.with_name(f"{path.name}.corrupt-{_stamp()}")
            os.replace(path, aside)
            _fsync_dir(path.parent)
            if path == self.path:
                self._salvaged = salvage(raw)
                self._damage = f"The notes store {path} was {e}; it was moved to {aside}"
            else:
                self.warnings.append(f"The notes backup {path} was {e}; it was moved to {aside}.")
            return None

    def _read_disk(self) -> tuple[bool, bool]:
        """Merge the store, or its backup and what is whole in the damaged store, plus any
        finished leftover temp files into memory.

        Returns whether a store was found and whether it must be written back
        (restored from the backup, or leftovers recovered).
        """
        found = False
        self._salvaged = None
        content = self._read_file(self.path)
        recovered = False
        restored = False
        if content is None and self.backup_path.exists():
            content = self._read_file(self.backup_path)
            if content is not None:
                recovered = restored = True  # write the store back from its backup
        if content is not None:
            found = True
            self._absorb(*content)
        if self._salvaged is not None:
            recovered = True
            self.warnings.append(self._salvage_report(restored))
        for leftover in sorted(self.directory.glob(f".{self.path.name}*.tmp-*")):
            try:
                content = decode_all(leftover.read_bytes())
            except (OSError, StoreError):
                content = None  # cut short before its fsync: never committed
            if content is not None and not leftover.name.startswith(f".{self.backup_path.name}"):
                self._absorb(*content)
                recovered = True
            with contextlib.suppress(OSError):
                leftover.unlink()
        return found, recovered

    def _salvage_report(self, restored: bool) -> str:
        """Take in what was whole in the damaged store; say what came back from where."""
        before = {n.id: n.updated_at for n in self._notes.values() if not n.deleted}
        notes, corrections = self._salvaged
        self._absorb(self.articles, [], notes, corrections)
        newer = sum(
            1 for n in self._notes.values() if not n.deleted and before.get(n.id) != n.updated_at
        )
        source = f"restored from the backup {self.backup_path.name}" if restored else "no backup"
        return (
            f"{self._damage}. Notes {source}; {newer} note(s) newer than that recovered "
            "from the damaged file. Anything else is only in the moved file."
        )

    def _absorb(
        self,
        articles: list[ArticleRef],
        tags: list[str],
        notes: list[Note],
        corrections: Sequence[Correction] = (),
    ) -> None:
        for tag in tags:
            if tag not in self.tags:
                self.tags.append(tag)
        placed = reanchor(notes, articles, self.documents)
        self._notes = {n.id: n for n in merge(self._notes.values(), placed)}
        moved = reanchor_corrections(corrections, articles, self.documents)
        self._corrections = {c.id: c for c in merge(self._corrections.values(), moved)}

    def _adopt_earlier(self) -> None:
        """Take the notes of the newest store of an earlier version of these articles."""
        best: tuple[float, Path, tuple] | None = None
        for path in self.directory.glob("*.json"):
            if path == self.path:
                continue
            try:
                content = decode_all(path.read_bytes())
                mtime = path.stat().st_mtime
            except (OSError, StoreError):
                continue  # not ours to judge or move: it belongs to other articles
            articles = content[0]
            if len(articles) != len(self.documents):
                continue
            mapping = match_articles(articles, self.documents, by_position=False)
            mine = {d.sha256 for d in self.documents}
            if not all(a.sha256 in mapping for a in articles):
                continue
            if not any(a.sha256 in mine for a in articles) and len(articles) > 1:
                continue  # every article differs: not the same comparison
            if best is None or mtime > best[0]:
                best = (mtime, path, content)
        if best is None:
            return
        self.adopted_from = best[1]
        self._absorb(*best[2])
        live = [n for n in self._notes.values() if not n.deleted]
        if live:
            self.warnings.append(
                f"An article changed since these notes were taken: {len(live)} note(s) "
                f"carried over from {best[1].name} and re-anchored."
            )

    # -- state -------------------------------------------------------------
    @property
    def notes(self) -> list[Note]:
        """Live notes (not deleted), oldest first."""
        return [n for n in self._notes.values() if not n.deleted]

    @property
    def all_notes(self) -> list[Note]:
        """Live notes and tombstones."""
        return list(self._notes.values())

    def get(self, note_id: str) -> Note | None:
        note = self._notes.get(note_id)
        return None if note is None or note.deleted else note

    @property
    def corrections(self) -> list[Correction]:
        """Live corrections (not deleted), in the order they were made."""
        return [c for c in self._corrections.values() if not c.deleted]

    @property
    def all_corrections(self) -> list[Correction]:
        """Live corrections and tombstones."""
        return list(self._corrections.values())

    def _take(self, notes: Iterable[Note], corrections: Iterable[Correction] = ()) -> None:
        placed = reanchor(notes, self.articles, self.documents)
        self._notes = {n.id: n for n in merge([], placed)}
        moved = reanchor_corrections(corrections, self.articles, self.documents)
        self._corrections = {c.id: c for c in merge([], moved)}

    # -- changing ----------------------------------------------------------
    def put(self, note: Note) -> Note:
        """Add or update ``note`` and save at once."""
        note = replace(note, updated_at=_later(now_stamp(), self._notes.get(note.id)))
        if note.tag:
            self.add_tag(note.tag, save=False)
        self._notes[note.id] = note
        self.save()
        return self._notes.get(note.id, note)

    def delete(self, note_id: str) -> Note | None:
        """Delete a note (a tombstone stays so other copies learn of it); returns it."""
        note = self._notes.get(note_id)
        if note is None or note.deleted:
            return None
        self._notes[note_id] = replace(note, deleted=True, updated_at=_later(now_stamp(), note))
        self.save()
        return note

    def restore(self, note: Note) -> Note:
        """Bring back a deleted note."""
        return self.put(replace(note, deleted=False))

    def put_correction(self, correction: Correction) -> Correction:
        """Add or update a correction and save at once."""
        held = self._corrections.get(correction.id)
        stamp = _later(now_stamp(), held)
        correction = replace(correction, updated_at=stamp)
        self._corrections[correction.id] = correction
        self.save()
        return self._corrections.get(correction.id, correction)

    def delete_correction(self, correction_id: str) -> Correction | None:
        """Withdraw a correction (a tombstone stays so other copies learn of it)."""
        held = self._corrections.get(correction_id)
        if held is None or held.deleted:
            return None
        self._corrections[correction_id] = replace(
            held, deleted=True, updated_at=_later(now_stamp(), held)
        )
        self.save()
        return held

    def add_tag(self, tag: str, *, save: bool = True) -> str | None:
        tag = clean_tag(tag)
        if tag and tag not in self.tags:
            self.tags.append(tag)
            if save:
                self.save()
        return tag

    def merge_in(
        self,
        articles: Sequence[ArticleRef],
        notes: Iterable[Note],
        corrections: Iterable[Correction] = (),
    ) -> int:
        """Merge notes and corrections read elsewhere (a notes file); returns how many
        changed the store.  A read-only store keeps them in memory."""
        before = {n.id: n.updated_at for n in self._notes.values()}
        before_c = {c.id: c.updated_at for c in self._corrections.values()}
        self._absorb(list(articles), [], list(notes), list(corrections))
        changed = sum(1 for n in self._notes.values() if before.get(n.id) != n.updated_at)
        changed += sum(1 for c in self._corrections.values() if before_c.get(c.id) != c.updated_at)
        if changed and self.read_only is None:
            self.save()
        return changed

    def changed_on_disk(self) -> bool:
        """Whether the store file changed since this instance last read or wrote it."""
        return _signature(self.path) != self._disk

    def reload(self) -> bool:
        """Take in notes another instance saved; returns whether any note changed.

        What this instance holds unsaved is kept: the later version of each wins.
        """
        seen = _signature(self.path)
        if seen == self._disk:
            return False
        try:
            content = decode_all(self.path.read_bytes())
        except FileNotFoundError:
            self._disk = seen
            return False
        except (OSError, StoreError):
            return False  # being replaced, or damaged: the next save deals with it
        self._disk = seen
        before = self._stamps()
        self._absorb(*content)
        return self._stamps() != before

    def _stamps(self) -> tuple[dict[str, str], dict[str, str]]:
        return (
            {n.id: n.updated_at for n in self._notes.values()},
            {c.id: c.updated_at for c in self._corrections.values()},
        )

    def save(self) -> None:
        """Merge with the file on disk under the lock and write atomically."""
        if self.read_only is not None:
            raise self.read_only
        self.directory.mkdir(parents=True, exist_ok=True)
        with _locked(self.lock_path):
            mine = list(self._notes.values())
            mine_c = list(self._corrections.values())
            self._notes, self._corrections = {}, {}
            self._read_disk()
            self._notes = {n.id: n for n in merge(self._notes.values(), mine)}
            self._corrections = {c.id: c for c in merge(self._corrections.values(), mine_c)}
            self._take(self._notes.values(), self._corrections.values())
            self._write_locked()

    def _write_locked(self) -> None:
        data = encode(self.articles, self.tags, self._notes.values(), self._corrections.values())
        tmp = _write_temp(self.path, data)
        try:
            previous = self.path.read_bytes()
        except FileNotFoundError:
            previous = None
        if previous is not None and previous != data:
            atomic_write(self.backup_path, previous)
        _commit(tmp, self.path)
        self._disk = _signature(self.path)


def _later(stamp: str, held: Note | Correction | None) -> str:
    """``stamp``, moved past the held version's time so the change always wins a merge."""
    if held is not None and stamp <= held.updated_at:
        return after(held.updated_at)
    return stamp
