"""Notes survive damage to either copy: the store is the truth, and the user is told.

A ``--notes`` Markdown file cut short or with its data lines broken or deleted
never changes a stored note, makes no duplicate, and gives back what only it
held; a corrupt store restored from its backup keeps the newest note; a
read-only directory opens read-only; another instance's notes are picked up.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from sidebyside import cli
from sidebyside.app.annotations import Annotations, NotesSettings, read_notes_file
from sidebyside.engine import note_store
from sidebyside.engine.model import Document
from sidebyside.engine.notes import sentence_anchor
from sidebyside.engine.pipeline import compare_documents

A = (
    "The minister resigned on Monday. Officials said two agents organized the escape. "
    "The aircraft's transponder was turned off.\n"
)
B = (
    "Officials said two agents organised the escape. The minister resigned on Monday. "
    "The transponder of the aircraft was switched off.\n"
)
TEXTS = ["First note, about the minister.", "Second note:\nwho were the agents?", "Third."]


def comparison():
    documents = [Document(path="a.txt", text=A), Document(path="b.txt", text=B)]
    return compare_documents(documents, with_diffs=False)


def open_notes(tmp_path: Path, notes_file: bool = True, data: str = "data") -> Annotations:
    settings = NotesSettings(
        data_dir=str(tmp_path / data),
        notes_file=str(tmp_path / "notes.md") if notes_file else None,
    )
    return Annotations(comparison(), settings)


@pytest.fixture
def three(tmp_path: Path) -> Annotations:
    """Three notes, saved to the store and to notes.md."""
    notes = open_notes(tmp_path)
    for k, text in enumerate(TEXTS):
        notes.add(text, "check", sentence_anchor(notes.documents, 0, k))
    return notes


def texts(notes: Annotations) -> list[str]:
    return sorted(n.text for n in notes.notes)


def cut_inside(path: Path, words: str) -> str:
    """Cut the file a few characters into ``words``; returns what is left."""
    text = path.read_text(encoding="utf-8")
    cut = text[: text.index(f"\n{words}") + 8]
    path.write_text(cut, encoding="utf-8")
    return cut


def damaged_copies(tmp_path: Path) -> list[Path]:
    return sorted(tmp_path.glob("notes.md.damaged-*"))


def warned(notes: Annotations, *words: str) -> str:
    message = next((w for w in notes.take_warnings() if all(x in w for x in words)), "")
    assert message, words
    return message


# --- a damaged Markdown copy next to an intact store --------------------------------------


def test_a_notes_file_cut_short_never_overwrites_the_store(three, tmp_path):
    cut = cut_inside(tmp_path / "notes.md", "Second note:")
    reopened = open_notes(tmp_path)
    assert texts(reopened) == sorted(TEXTS)  # not "Second"
    warned(reopened, "notes.md", "damaged", "cut short")
    (aside,) = damaged_copies(tmp_path)
    assert aside.read_text(encoding="utf-8") == cut  # the damaged file is kept
    again = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert all(t.split("\n")[0] in again for t in TEXTS)  # rewritten from the store


def test_broken_note_data_makes_no_duplicate(three, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(path.read_text().replace('{"anchor"', '{"anchor" oops', 1))
    reopened = open_notes(tmp_path)
    assert texts(reopened) == sorted(TEXTS)
    warned(reopened, "damaged", "0 note(s) the store lacked")
    assert len(open_notes(tmp_path).notes) == 3


def test_a_file_cut_between_two_notes_is_noticed(three, tmp_path):
    path = tmp_path / "notes.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("<!-- sidebyside-note ", text.index("Second note"))])
    reopened = open_notes(tmp_path)
    assert texts(reopened) == sorted(TEXTS)
    warned(reopened, "1 of 3 notes missing")


# --- only the Markdown copy --------------------------------------------------------------


def test_a_cut_short_file_alone_gives_back_every_note_it_still_holds(three, tmp_path):
    cut_inside(tmp_path / "notes.md", "Second note:")
    alone = open_notes(tmp_path, data="elsewhere")
    # the second note's data line came before the cut: it comes back whole
    assert texts(alone) == sorted(TEXTS[:2])
    warned(alone, "1 of 3 notes missing", "2 note(s) the store lacked were recovered")


@pytest.mark.parametrize("header_too", [False, True], ids=["note-data", "all-data"])
def test_a_file_whose_data_lines_were_deleted_is_rebuilt_from_its_text(three, tmp_path, header_too):
    path = tmp_path / "notes.md"
    marks = (
        ("<!-- sidebyside-note ", "<!-- sidebyside-notes ")
        if header_too
        else ("<!-- sidebyside-note ",)
    )
    lines = [line for line in path.read_text().splitlines() if not line.startswith(marks)]
    path.write_text("\n".join(lines) + "\n")
    alone = open_notes(tmp_path, data="elsewhere")
    assert texts(alone) == sorted(TEXTS)
    assert all(not n.detached for n in alone.notes)
    warned(alone, "damaged", "3 note(s) the store lacked were recovered")
    # read again (the file was rewritten, and the damaged copy is read once more): still 3
    assert len(open_notes(tmp_path, data="elsewhere").notes) == 3
    (aside,) = damaged_copies(tmp_path)
    path.write_text(aside.read_text())
    assert len(open_notes(tmp_path, data="elsewhere").notes) == 3


def test_a_file_cut_before_its_data_is_still_a_notes_file_and_kept_aside(three, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(path.read_text()[:40])  # the title and a few words
    assert read_notes_file(path).recognised  # --notes accepts it: it is ours, damaged
    reopened = open_notes(tmp_path)
    assert texts(reopened) == sorted(TEXTS)
    warned(reopened, "damaged", "header")
    assert len(damaged_copies(tmp_path)) == 1
    assert all(t.split("\n")[0] in path.read_text() for t in TEXTS)


# --- a damaged store ---------------------------------------------------------------------------


def test_a_store_restored_from_its_backup_keeps_the_newest_note(three, tmp_path):
    store = three.store
    raw = store.path.read_bytes()
    assert store.backup_path.exists()  # it holds two notes: the third came after
    store.path.write_bytes(raw[: raw.rindex(b'"corrections"')])  # cut after the last note
    reopened = open_notes(tmp_path, notes_file=False)
    assert texts(reopened) == sorted(TEXTS)
    message = warned(reopened, "restored from the backup", "1 note(s) newer")
    assert ".corrupt-" in message
    assert list(store.directory.glob("*.corrupt-*"))


def test_salvage_reads_every_whole_note_of_a_garbled_store(three):
    raw = three.store.path.read_bytes()
    garbled = raw.replace(b'"tags"', b'"tags" ?? ', 1)
    with pytest.raises(note_store.StoreError):
        note_store.decode_all(garbled)
    notes, _ = note_store.salvage(garbled)
    assert sorted(n.text for n in notes) == sorted(TEXTS)


def test_tags_given_as_one_string_are_one_tag(three):
    path = three.store.path
    data = json.loads(path.read_text())
    data["tags"] = "urgent"
    path.write_text(json.dumps(data))
    _, tags, _, _ = note_store.decode_all(path.read_bytes())
    assert tags == ["urgent"]


# --- a read-only directory ---------------------------------------------------------------------


def _read_only(monkeypatch) -> None:
    """The lock file cannot be created, as in a directory the user may not write."""

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(note_store, "_locked", refuse)


def test_a_read_only_store_opens_read_only(three, tmp_path, monkeypatch):
    _read_only(monkeypatch)
    reopened = open_notes(tmp_path, notes_file=False)
    assert texts(reopened) == sorted(TEXTS)
    warned(reopened, "cannot be written", "notes are shown")
    with pytest.raises(OSError, match="cannot be written"):
        reopened.add("a fourth", None, sentence_anchor(reopened.documents, 1, 0))


def test_the_notes_command_prints_a_read_only_store(three, tmp_path, monkeypatch, capsys):
    for k, doc in enumerate(three.documents):
        (tmp_path / f"{k}.txt").write_text(doc.text)
    _read_only(monkeypatch)
    status = cli.main(
        [
            "notes",
            "--data-dir",
            str(tmp_path / "data"),
            str(tmp_path / "0.txt"),
            str(tmp_path / "1.txt"),
        ]
    )
    out, err = capsys.readouterr()
    assert status == 0, err
    assert all(t.split("\n")[0] in out for t in TEXTS)
    assert "cannot be written" in err and len(err.splitlines()) == 1


# --- another instance --------------------------------------------------------------------------


def test_a_second_instance_picks_up_notes_saved_by_the_first(three, tmp_path):
    other = open_notes(tmp_path, notes_file=False)
    assert not other.refresh()  # nothing changed yet
    three.add("Fourth, from the first window.", None, sentence_anchor(three.documents, 1, 0))
    assert other.refresh()
    assert "Fourth, from the first window." in texts(other)
    assert not other.refresh()
