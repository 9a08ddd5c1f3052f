"""The notes store never loses a note: atomic writes, corrupt files, two writers, edits."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sidebyside.engine import note_store
from sidebyside.engine.model import Document
from sidebyside.engine.note_store import NoteStore, store_key
from sidebyside.engine.notes import Note, group_anchor, new_id, sentence_anchor
from sidebyside.engine.pipeline import compare_documents

A = "The minister resigned on Monday. Officials said two agents organized the escape.\n"
B = "Officials said two agents organised the escape. The minister resigned on Monday.\n"


def docs(a: str = A, b: str = B, names=("a.txt", "b.txt")) -> list[Document]:
    documents = [Document(path=names[0], text=a), Document(path=names[1], text=b)]
    compare_documents(documents, with_diffs=False)  # segments them
    return documents


def note_on(documents, doc: int = 0, sentence: int = 1, text: str = "Who?") -> Note:
    return Note(new_id(), text, "check", sentence_anchor(documents, doc, sentence))


def test_key_ignores_order_and_paths():
    one = docs()
    other = docs(names=("/elsewhere/x.txt", "y.txt"))
    assert store_key(one) == store_key(list(reversed(other)))


def test_notes_come_back_in_any_order_and_from_any_path(tmp_path):
    documents = docs()
    store = NoteStore.open(documents, tmp_path)
    note = store.put(note_on(documents))
    again = NoteStore.open(list(reversed(docs(names=("c.txt", "d.txt")))), tmp_path)
    assert [n.id for n in again.notes] == [note.id]
    assert again.notes[0].text == "Who?"
    assert not again.notes[0].detached


def test_write_is_atomic_and_keeps_the_previous_version(tmp_path):
    documents = docs()
    store = NoteStore.open(documents, tmp_path)
    first = store.put(note_on(documents, text="first"))
    store.put(note_on(documents, text="second"))
    assert store.backup_path.exists()
    _, _, backup_notes = note_store.decode(store.backup_path.read_bytes())
    assert [n.id for n in backup_notes] == [first.id]
    leftovers = [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert leftovers == []


def test_a_failed_rename_loses_nothing(tmp_path, monkeypatch):
    documents = docs()
    store = NoteStore.open(documents, tmp_path)
    kept = store.put(note_on(documents, text="kept"))

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(note_store.os, "replace", broken)
    with pytest.raises(OSError):
        store.put(note_on(documents, text="pending"))
    assert {n.text for n in store.notes} == {"kept", "pending"}  # still in memory
    monkeypatch.undo()
    assert kept.id in {n.id for n in NoteStore.open(documents, tmp_path).notes}
    store.save()  # the next save writes the pending note too
    assert {n.text for n in NoteStore.open(documents, tmp_path).notes} == {"kept", "pending"}
    assert not any(".tmp-" in p.name for p in tmp_path.iterdir())


def test_a_process_killed_between_temp_write_and_rename_loses_no_note(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, signal
        from sidebyside.engine import note_store
        from sidebyside.engine.model import Document
        from sidebyside.engine.note_store import NoteStore
        from sidebyside.engine.notes import Note, new_id, sentence_anchor
        from sidebyside.engine.pipeline import compare_documents

        documents = [Document(path="a.txt", text={A!r}), Document(path="b.txt", text={B!r})]
        compare_documents(documents, with_diffs=False)
        store = NoteStore.open(documents, {str(tmp_path)!r})
        store.put(Note(new_id(), "saved before", None, sentence_anchor(documents, 0, 0)))

        def die(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

        note_store.os.replace = die  # the temp file is written and fsynced, then: killed
        store.put(Note(new_id(), "being saved", None, sentence_anchor(documents, 0, 1)))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr
    assert any(".tmp-" in p.name for p in tmp_path.iterdir())
    store = NoteStore.open(docs(), tmp_path)
    assert {n.text for n in store.notes} == {"saved before", "being saved"}
    assert not any(".tmp-" in p.name for p in tmp_path.iterdir())
    assert {n.text for n in NoteStore.open(docs(), tmp_path).notes} == {
        "saved before",
        "being saved",
    }


def test_a_corrupt_store_is_moved_aside_with_a_warning(tmp_path):
    documents = docs()
    store = NoteStore.open(documents, tmp_path)
    store.put(note_on(documents, text="one"))
    store.put(note_on(documents, text="two"))
    store.path.write_text('{"format": "sidebyside-notes", "notes": [tru', encoding="utf-8")
    reopened = NoteStore.open(documents, tmp_path)
    aside = list(tmp_path.glob("*.corrupt-*"))
    assert len(aside) == 1
    assert "notes" in aside[0].read_text(encoding="utf-8")  # kept as it was
    assert any("moved" in w for w in reopened.warnings)
    assert [n.text for n in reopened.notes] == ["one"]  # the backup, one change behind


def test_two_instances_keep_each_others_notes_and_deletions(tmp_path):
    documents = docs()
    first = NoteStore.open(documents, tmp_path)
    second = NoteStore.open(docs(), tmp_path)
    mine = first.put(note_on(documents, text="from the first"))
    theirs = second.put(note_on(documents, text="from the second"))
    assert {n.id for n in second.notes} == {mine.id, theirs.id}
    first.put(note_on(documents, text="third"))
    assert {n.text for n in first.notes} == {"from the first", "from the second", "third"}
    second.delete(mine.id)
    first.put(note_on(documents, text="fourth"))  # does not resurrect the deleted note
    assert mine.id not in {n.id for n in first.notes}
    final = NoteStore.open(documents, tmp_path)
    assert {n.text for n in final.notes} == {"from the second", "third", "fourth"}


def test_an_edited_article_reanchors_notes_and_keeps_lost_ones_detached(tmp_path):
    documents = docs()
    comparison = compare_documents(documents, with_diffs=False)
    store = NoteStore.open(documents, tmp_path)
    moved = store.put(note_on(documents, doc=0, sentence=1, text="agents"))
    gone = store.put(note_on(documents, doc=0, sentence=0, text="minister"))
    row = comparison.group_index[next(iter(comparison.groups[0].members))]
    whole = store.put(Note(new_id(), "row", None, group_anchor(comparison, row)))

    edited = (
        "A new first sentence about something else entirely.\n\n"
        "Officials said two agents had organized the escape.\n"
    )
    changed = docs(a=edited)
    reopened = NoteStore.open(changed, tmp_path)
    by_id = {n.id: n for n in reopened.notes}
    assert set(by_id) == {moved.id, gone.id, whole.id}  # nothing dropped
    assert not by_id[moved.id].detached
    quote = by_id[moved.id].anchor.quotes[0]
    assert quote.sha256 == changed[0].sha256
    assert changed[0].sentences[quote.index].text.startswith("Officials said two agents had")
    assert by_id[gone.id].detached
    assert by_id[gone.id].anchor.quotes[0].text == "The minister resigned on Monday."
    assert any("changed" in w for w in reopened.warnings)
    assert any("detached" in w for w in reopened.warnings)
    assert reopened.adopted_from is not None and reopened.adopted_from.exists()


def test_a_different_article_does_not_take_anothers_notes(tmp_path):
    documents = docs()
    NoteStore.open(documents, tmp_path).put(note_on(documents))
    other = docs(b="Something unrelated happened.\n", names=("a.txt", "other.txt"))
    assert NoteStore.open(other, tmp_path).notes == []


def test_data_dir_comes_from_the_flag_then_the_environment(monkeypatch, tmp_path):
    from sidebyside.engine import paths

    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir().name == "sidebyside"


def test_store_files_are_private(tmp_path):
    documents = docs()
    store = NoteStore.open(documents, tmp_path)
    store.put(note_on(documents))
    assert os.stat(store.path).st_mode & 0o077 == 0
    assert Path(store.path).read_bytes().startswith(b"{")
