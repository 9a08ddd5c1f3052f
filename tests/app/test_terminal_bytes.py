"""What the terminal receives: the real app in a pseudo-terminal, every byte inspected.

Articles, a Markdown title, a note, a tag, a pasted search and a notes file
name all hold terminal escapes: OSC 0/2 (window title), OSC 8 (link), OSC 52
(clipboard), CSI colours, clear-screen and scrollback erase, the 8-bit CSI
U+009B, bells, and markup-looking text.  The app is driven to every view and
message; in what it writes, every escape sequence must be one Textual makes
(cursor moves, colours, modes, its own links and pointer shapes), and the
articles' escapes must arrive only as visible symbols (␛, ␇).  The screen
model is not enough: it is the driver's byte stream that reaches a terminal.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pty_session import Terminal, paste

from sidebyside.engine.note_store import NoteStore
from sidebyside.engine.notes import Note, new_id, sentence_anchor
from sidebyside.engine.paths import notes_dir
from sidebyside.engine.pipeline import load_documents

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ESC, BEL = "\x1b", "\x07"
ARTICLE = (
    f"Assad fled {ESC}]0;PWNED0{BEL} Syria on Sunday.\n"
    f"The rebels {ESC}]2;PWNED2{BEL} took Damascus after a lightning offensive.\n"
    f"Russia {ESC}]8;;http://pwned8.example/{ESC}\\arranged{ESC}]8;;{ESC}\\ the escape.\n"
    f"The clipboard {ESC}]52;c;UFdORUQ1Mg=={BEL} was written by the page.\n"
    f"Red {ESC}[31;5mREDALERT{ESC}[0m text was raised in the capital.\n"
    f"The screen {ESC}[3J{ESC}[2J{ESC}[HCLEARED was cleared by the text.\n"
    "An eight-bit \x9b31mCSIEIGHT sequence was sent.\n"
    f"A bell {BEL}{BEL} rang twice in the newsroom.\n"
    "Officials said [/] nothing more.\n"
    "Click [@click=app.quit]QUITLINK[/] to continue.\n"
)
MARKDOWN = (
    f"# Flight {ESC}]0;PWNEDTITLE{BEL} to Moscow\n\n"
    "Assad fled Syria on Sunday.\n\n"
    "The rebels took Damascus after a lightning offensive.\n\n"
    f"Russia arranged the escape {ESC}]2;PWNEDMD{BEL} at night.\n\n"
    "Officials said nothing more.\n"
)
NOTE_TEXT = f"Check this {ESC}]0;PWNEDNOTE{BEL} claim\nand {ESC}[2Jthis line."
NOTE_TAG = f"odd{ESC}]2;PWNEDTAG{BEL}"
NOTES_FILE = f"notes {ESC}]0;PWNEDFILE{BEL}.md"
# A terminal passes a clipboard's bell and 8-bit CSI through a bracketed paste
# (an ESC there is parsed by Textual as keys before any widget sees it).
PASTED = f"Pasted \x9b2JPWNEDPASTE{BEL} words\x9b0m"

# The articles' own sequences, as they would arrive if drawn raw.
RAW = [
    f"{ESC}]0;PWNED",
    f"{ESC}]2;PWNED",
    f"{ESC}]8;;http://pwned8",
    f"{ESC}]52;c;UFdORUQ1Mg",
    f"{ESC}[31;5mREDALERT",
    f"{ESC}[3J",
    f"{ESC}[HCLEARED",
    "\x9b31mCSIEIGHT",
    "\x9b2JPWNEDPASTE",
    f"{BEL}{BEL}",
]
# Well-formed sequences; what is left once they are taken out must be plain text.
_CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_OSC = re.compile(r"\x1b\](\d*)[;]?([^\x07\x1b]*)(?:\x07|\x1b\\)")
_SIMPLE = re.compile(r"\x1b[78=>]")
# Textual writes links (OSC 8 with its own id) and pointer shapes (OSC 22).
_OWN_OSC = {"8", "22"}


def foreign_sequences(stream: bytes) -> list[str]:
    """Everything in ``stream`` a terminal would act on that Textual did not write."""
    text = stream.decode("utf-8", errors="replace")
    found = [raw for raw in RAW if raw in text]
    for match in _OSC.finditer(text):
        number, body = match.groups()
        if number not in _OWN_OSC or (number == "8" and body and not body.startswith("id=")):
            found.append(match.group())
    rest = _SIMPLE.sub("", _OSC.sub("", _CSI.sub("", text)))
    found += [repr(c) for c in re.findall(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]", rest)]
    return found


@pytest.fixture
def hostile(tmp_path: Path) -> dict:
    """Two hostile articles, a data directory holding a hostile note, a hostile notes file name."""
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    (tmp_path / "b.md").write_bytes(MARKDOWN.encode("utf-8"))
    data = tmp_path / "data"
    documents = load_documents([str(tmp_path / "a.txt"), str(tmp_path / "b.md")])
    store = NoteStore.open(documents, notes_dir(data))
    store.put(Note(new_id(), NOTE_TEXT, NOTE_TAG, sentence_anchor(documents, 0, 0)))
    args = ["a.txt", "b.md", "--data-dir", str(data), "--notes", NOTES_FILE]
    return {"cwd": tmp_path, "args": args}


def step(term: Terminal, keys: list, until: str, name: str, seen: dict, failed: dict) -> None:
    """Press ``keys``, wait for ``until`` on screen, and record what this view wrote."""
    mark = term.mark()
    term.send(*keys)
    drawn = term.wait_for(until, since=mark)
    term.settle()
    seen[name] = chunk = term.since(mark)
    found = foreign_sequences(chunk) if drawn else [f"{until!r} never drawn"]
    if found:
        failed[name] = found


def test_every_view_of_hostile_articles_writes_only_textuals_own_sequences(hostile):
    seen: dict[str, bytes] = {}
    failed: dict[str, list[str]] = {}
    with Terminal(hostile["args"], cwd=hostile["cwd"]) as term:
        assert term.wait_for("Row 1 of"), term.output[-2000:]
        term.settle()
        seen["aligned view and details strip"] = term.output
        if found := foreign_sequences(term.output):
            failed["aligned view and details strip"] = found
        step(term, ["a"], "ctrl+s saves", "note editor with the quote", seen, failed)
        step(term, ["x", paste(PASTED)], "PWNEDPASTE", "pasted note text", seen, failed)
        step(term, ["ctrl+s"], "Note saved", "saved toast", seen, failed)
        step(term, ["m"], "enter jumps", "notes list", seen, failed)
        step(term, ["e"], "ctrl+s saves", "note editor with a stored note", seen, failed)
        step(term, ["escape"], "enter jumps", "back to the list", seen, failed)
        step(term, ["escape", "v"], "PWNED2", "reading view", seen, failed)
        status = term.quit()
        stream = term.output
    assert failed == {}
    assert status == 0
    assert foreign_sequences(stream) == []
    for name, chunk in seen.items():  # each view drew the escapes, as symbols
        symbol = "␇" if name == "pasted note text" else "␛"
        assert symbol.encode() in chunk or name == "saved toast", name
    assert b"[@click=app.quit]QUITLINK[/]" in stream  # markup shown, not run


def test_search_overview_help_and_export_write_only_textuals_own_sequences(hostile):
    seen: dict[str, bytes] = {}
    failed: dict[str, list[str]] = {}
    with Terminal(hostile["args"], cwd=hostile["cwd"]) as term:
        assert term.wait_for("Row 1 of"), term.output[-2000:]
        term.settle()
        step(term, ["slash", paste(PASTED)], "PWNEDPASTE", "search box", seen, failed)
        step(term, ["escape"], "Row", "search closed", seen, failed)
        step(term, ["slash", *"Assad", "enter"], "hit 1 of", "search hit", seen, failed)
        step(term, ["escape", "l"], "enter links", "link mode", seen, failed)
        step(term, ["escape", "ctrl+p", *"Hide or"], "article 2", "command palette", seen, failed)
        step(term, ["escape", "o"], "Overview", "overview", seen, failed)
        step(term, ["escape", "question_mark"], "Keys", "help", seen, failed)
        step(term, ["escape", "ctrl+s"], "Export the notes", "export prompt", seen, failed)
        step(term, ["enter"], "exported to", "export toast", seen, failed)
        status = term.quit()
        stream = term.output
    assert failed == {}
    assert status == 0
    assert foreign_sequences(stream) == []
    assert "␇".encode() in seen["search box"]
    for name in ("search hit", "link mode", "command palette", "overview", "export toast"):
        assert "␛".encode() in seen[name], name


# Each kind of escape, and a word of its sentence the editor must show.
KINDS = {
    "OSC 0 window title": "PWNED0",
    "OSC 2 window title": "PWNED2",
    "OSC 8 link": "pwned8",
    "OSC 52 clipboard": "UFdORUQ1Mg",
    "CSI colours": "REDALERT",
    "clear screen and scrollback": "CLEARED",
    "8-bit CSI": "CSIEIGHT",
    "bell": "rang twice",
    "Markdown article": "PWNEDMD",
}


def test_the_note_editor_quotes_every_kind_of_escape_as_symbols(hostile):
    """One note editor per hostile sentence (the reading view's cursor moves down a.txt),
    then one on the Markdown article's."""
    failed: dict[str, list[str]] = {}
    with Terminal(hostile["args"], cwd=hostile["cwd"]) as term:
        assert term.wait_for("Row 1 of"), term.output[-2000:]
        term.settle()
        term.send("v")
        term.settle()
        for kind, word in KINDS.items():
            if kind == "Markdown article":
                term.send("tab", "end", "k")
                term.settle()
            mark = term.mark()
            term.send("a")
            assert term.wait_for("ctrl+s saves", since=mark), kind
            term.settle()
            chunk = term.since(mark)
            found = foreign_sequences(chunk)
            if found or word.encode() not in chunk:
                failed[kind] = found or [f"{word!r} not drawn"]
            term.send("escape")
            term.settle()
            term.send("j")
        status = term.quit()
    assert status == 0
    assert failed == {}


def test_a_loading_warning_is_a_notification_with_the_file_name_made_safe(tmp_path):
    name = f"stray {ESC}]0;PWNEDNAME{BEL}.txt"
    damaged = "Le président a parlé à Damas dimanche.".encode() + b" Une \xe9tape.\n"
    (tmp_path / name).write_bytes(damaged)
    (tmp_path / "b.txt").write_text("Le président a parlé dimanche. Une étape de plus.\n")
    args = [name, "b.txt", "--data-dir", str(tmp_path / "data")]
    with Terminal(args, cwd=tmp_path) as term:
        assert term.wait_for("not UTF-8"), term.output[-2000:]
        term.settle()
        assert "président".encode() in term.output  # read as UTF-8, not as cp1252
        status = term.quit()
        stream = term.output
    assert status == 0
    assert foreign_sequences(stream) == []
    assert "␛]0;PWNEDNAME␇".encode() in stream
