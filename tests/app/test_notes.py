"""Notes as a fact-checker takes them: add, tag, edit, list, jump, delete, undo, reopen."""

from __future__ import annotations

from conftest import SEED_PATHS, drive, make_app, screen_text, seeds

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.note_editor import ConfirmDiscard, NoteEditor
from sidebyside.app.notes_list import NotesList
from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import load_documents
from sidebyside.report.notes_markdown import parse_notes


def main_screen(app):
    return app.screen_stack[0]


def details(app) -> str:
    return str(main_screen(app).query_one("#details").content)


async def go_to(pilot, words: str) -> None:
    await pilot.press("slash", *words, "enter", "escape")
    await pilot.pause()


async def add_note(pilot, text: str, tag: str | None = None, key: str = "a") -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteEditor)
    for k, line in enumerate(text.split("\n")):
        await pilot.press(*(["enter"] if k else []), *line)
    if tag:
        await pilot.press("tab", *tag)
    await pilot.press("ctrl+s")
    await pilot.pause()


def notes_of(app):
    return main_screen(app).annotations.notes


def test_add_a_tagged_note_on_a_row_shows_markers_and_details(tmp_path):
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await go_to(pilot, "two Russian intelligence")
        await add_note(pilot, "Who are the two?\nAsk both desks.", "discrepancy")
        (note,) = notes_of(app)
        assert note.text == "Who are the two?\nAsk both desks."
        assert note.tag == "discrepancy"
        assert note.anchor.scope == "group" and len(note.anchor.quotes) == 2
        text = screen_text(app)
        assert "✎ discrepancy" in text  # the row's label in the aligned view
        assert "✎ discrepancy (row): Who are the two? Ask both desks." in details(app)
        await pilot.press("v")  # the reading view marks the sentences too
        await pilot.pause()
        assert "✎" in screen_text(app)

    drive(app, scenario)


def test_reading_view_note_is_on_the_focused_articles_sentence():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await go_to(pilot, "transponder")
        await pilot.press("v")
        await pilot.pause()
        await add_note(pilot, "Check the transponder claim.", "check")
        (note,) = notes_of(app)
        assert note.anchor.scope == "sentence"
        assert "transponder" in note.anchor.quotes[0].text
        assert note.anchor.quotes[0].sha256 == app.documents[0].sha256

    drive(app, scenario)


def test_escape_asks_before_discarding_typed_text():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("a", *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert notes_of(app) == []
        await pilot.press("a", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor | ConfirmDiscard)

    drive(app, scenario)


def test_list_jump_edit_delete_and_undo():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await go_to(pilot, "transponder")
        await add_note(pilot, "second in reading order", "check")
        await pilot.press("home")
        await add_note(pilot, "first in reading order", "ok")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        listed = screen_text(app)
        assert listed.index("first in reading") < listed.index("second in reading")
        await pilot.press("down", "enter")  # jump to the transponder row
        await pilot.pause()
        view = main_screen(app).query_one(AlignedView)
        assert (
            "transponder"
            in main_screen(app).rows.cell(main_screen(app).rows.order[view.cursor], 0).text
        )

        await pilot.press("m", "down", "e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" (edited)", "tab", "ctrl+u", *"unsourced", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        edited = next(n for n in notes_of(app) if n.text.startswith("second"))
        assert edited.text == "second in reading order (edited)" and edited.tag == "unsourced"

        await pilot.press("d")
        await pilot.pause()
        assert [n.text for n in notes_of(app)] == ["first in reading order"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(notes_of(app)) == 2
        await pilot.press("up", "d", "escape")
        await pilot.pause()
        assert len(notes_of(app)) == 1
        await pilot.press("ctrl+z")  # undo from the main screen too
        await pilot.pause()
        assert len(notes_of(app)) == 2

    drive(app, scenario)


def test_reopening_in_another_order_restores_the_notes(tmp_path):
    data = str(tmp_path / "store")
    first = make_app(seeds("000", "002"), data_dir=data)

    async def add(pilot):
        await go_to(pilot, "two Russian intelligence")
        await add_note(pilot, "kept forever", "discrepancy")

    drive(first, add)
    again = make_app(seeds("002", "000"), data_dir=data)

    async def check(pilot):
        (note,) = notes_of(again)
        assert note.text == "kept forever" and not note.detached
        await pilot.press("m", "enter")
        await pilot.pause()
        assert "kept forever" in details(again)
        assert "✎ discrepancy" in screen_text(again)  # the note's mark on its row

    drive(again, check)


def test_notes_file_is_written_at_each_change_and_read_back(tmp_path):
    notes_file = tmp_path / "notes.md"
    app = make_app(seeds("000", "002"), data_dir=str(tmp_path / "one"), notes_file=str(notes_file))

    async def add(pilot):
        await go_to(pilot, "two Russian intelligence")
        await add_note(pilot, "# not a heading [x](y)", "discrepancy")
        assert notes_file.exists()
        await go_to(pilot, "transponder")
        await add_note(pilot, "check this", "check", key="A")

    drive(app, add)
    written = parse_notes(notes_file.read_text(encoding="utf-8"))
    assert sorted(n.text for n in written.notes) == ["# not a heading [x](y)", "check this"]

    # A fresh data dir: everything comes back from the Markdown file alone.
    again = make_app(
        seeds("002", "000"), data_dir=str(tmp_path / "two"), notes_file=str(notes_file)
    )

    async def check(pilot):
        back = {n.id: n for n in notes_of(again)}
        assert set(back) == {n.id for n in written.notes}
        for note in written.notes:
            assert (back[note.id].text, back[note.id].tag) == (note.text, note.tag)
            assert back[note.id].anchor == note.anchor

    drive(again, check)


def test_ctrl_s_asks_where_then_exports_and_says_where(tmp_path):
    app = make_app(seeds("000", "002"), data_dir=str(tmp_path / "d"))

    async def scenario(pilot):
        await add_note(pilot, "exported")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Nothing is written before the reader sees where it will go.
        assert "Export the notes as Markdown to:" in screen_text(app)
        assert "exports/notes-" in screen_text(app)
        assert not list((tmp_path / "d").rglob("exports/*.md"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        exports = list((tmp_path / "d" / "exports").glob("*.md"))
        assert len(exports) == 1
        assert "exported" in exports[0].read_text(encoding="utf-8")
        assert any(str(exports[0]) in n.message for n in app._notifications)

    drive(app, scenario)


def test_the_export_goes_where_the_reader_says_and_never_over_another_file(tmp_path):
    app = make_app(seeds("000", "002"), data_dir=str(tmp_path / "d"))
    essay = tmp_path / "essay.md"
    essay.write_text("# My essay\n\nNot notes.\n", encoding="utf-8")
    chosen = tmp_path / "chosen.md"

    async def export_to(pilot, path) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#export-path")
        field.value = str(path)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    async def scenario(pilot):
        await add_note(pilot, "to a file of my choosing")
        await export_to(pilot, chosen)
        assert "to a file of my choosing" in chosen.read_text(encoding="utf-8")
        await export_to(pilot, essay)
        assert essay.read_text(encoding="utf-8") == "# My essay\n\nNot notes.\n"
        assert any("not a sidebyside notes export" in n.message for n in app._notifications)

    drive(app, scenario)


def test_an_article_changed_under_the_notes(tmp_path):
    data = str(tmp_path / "store")
    original = load_documents([SEED_PATHS["000"], SEED_PATHS["002"]])
    app = make_app(original, data_dir=data)

    async def add(pilot):
        await go_to(pilot, "transponder")
        await pilot.press("v")
        await pilot.pause()
        await add_note(pilot, "follows the sentence", "check")
        await pilot.press("v")
        await go_to(pilot, "Still haunted by video")
        await add_note(pilot, "on a sentence that will go", "ok", key="A")

    drive(app, add)
    text = original[0].text
    first = next(s.text for s in original[0].sentences if s.text.startswith("Still haunted"))
    edited_text = text.replace("The aircraft’s transponder", "The aircraft’s radio transponder")
    edited_text = edited_text.replace(first, "Completely different opening words here.")
    edited = [
        Document(path=SEED_PATHS["000"], text=edited_text),
        *load_documents([SEED_PATHS["002"]]),
    ]
    again = make_app(edited, data_dir=data)

    async def check(pilot):
        notes = {n.text: n for n in notes_of(again)}
        assert set(notes) == {"follows the sentence", "on a sentence that will go"}
        follows = notes["follows the sentence"]
        assert not follows.detached
        assert "radio transponder" in follows.anchor.quotes[0].text
        assert notes["on a sentence that will go"].detached
        await pilot.press("m")
        await pilot.pause()
        assert "detached" in screen_text(again)

    drive(again, check)


# --- messages that agree with what happened --------------------------------------------


def messages_of(app) -> list[str]:
    return [n.message for n in app._notifications]


def test_a_failed_save_never_says_saved(monkeypatch):
    import errno

    from sidebyside.engine.note_store import NoteStore

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        monkeypatch.setattr(NoteStore, "save", full)
        await add_note(pilot, "kept in memory")
        said = messages_of(app)
        assert any("Could not save the notes (No space left on device)" in m for m in said)
        assert "Note saved." not in said
        assert [n.text for n in notes_of(app)] == ["kept in memory"]

    drive(app, scenario)


def test_a_read_only_store_shows_its_notes_and_says_why_changes_are_not_saved(
    tmp_path, monkeypatch
):
    import errno

    from sidebyside.engine import note_store
    from sidebyside.engine.notes import Note, new_id, sentence_anchor
    from sidebyside.engine.paths import notes_dir

    documents = seeds("000", "002")
    data = str(tmp_path / "data")
    store = note_store.NoteStore.open(documents, notes_dir(data))
    store.put(Note(new_id(), "written earlier", "check", sentence_anchor(documents, 0, 0)))

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(note_store, "_locked", refuse)
    app = make_app(documents, data_dir=data)

    async def scenario(pilot):
        assert any("cannot be written" in m for m in messages_of(app))
        assert not any("Notes are off" in m for m in messages_of(app))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NotesList) and "written earlier" in screen_text(app)
        await pilot.press("escape")
        await add_note(pilot, "cannot be saved")
        said = messages_of(app)
        assert any(m.startswith("Not saved: the notes directory") for m in said)
        assert "Note saved." not in said

    drive(app, scenario)


def test_notes_that_cannot_open_say_why_each_time(monkeypatch):
    import errno

    from sidebyside.engine.note_store import NoteStore

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(NoteStore, "open", broken)
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("m")
        await pilot.pause()
        said = messages_of(app)
        assert sum("Notes are off" in m for m in said) == 2
        assert not any("once the articles are aligned" in m for m in said)

    drive(app, scenario)


def test_another_instance_s_notes_appear_without_a_save_here(tmp_path):
    from sidebyside.engine.note_store import NoteStore
    from sidebyside.engine.notes import Note, new_id, sentence_anchor
    from sidebyside.engine.paths import notes_dir

    documents = seeds("000", "002")
    data = str(tmp_path / "data")
    app = make_app(documents, data_dir=data)

    async def scenario(pilot):
        assert notes_of(app) == []
        other = NoteStore.open(documents, notes_dir(data))
        other.put(
            Note(new_id(), "from the other window", "check", sentence_anchor(documents, 0, 0))
        )
        await pilot.pause(2.5)  # the store is watched every second
        assert [n.text for n in notes_of(app)] == ["from the other window"]
        assert "✎ check" in screen_text(app)

    drive(app, scenario)
