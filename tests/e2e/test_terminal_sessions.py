"""The installed ``sidebyside`` in a real terminal, driven with the keys a person presses.

Each test starts the console script in a pseudo-terminal, reads the screen
as text, and ends with q: the program must be gone quickly, with status 0,
and what was noted must be on disk.  The bounds on quitting are what a
person would call "at once" (2 s; 1 s when quitting while still aligning),
far above what it takes (see benchmarks/bench_quit.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from terminal_session import Terminal

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
PAGES = [str(ROOT / "tests" / "data" / "html" / n) for n in ("courier.html", "herald.html")]
BENCH_SET_TOOL = ROOT.parent / "shared" / "tools" / "make_bench_set.py"
QUIT_BOUND = 2.0  # seconds from q to the process being gone
QUIT_WHILE_ALIGNING_BOUND = 1.0
# The details strip, once the rows are aligned (the cursor starts on the first row
# of story: rows of page furniture before it are skipped).
FIRST_SCREEN = r"Row (\d+) of \d+"  # as row_of reads it


def console_script() -> str:
    """The ``sidebyside`` that ``pip install`` put beside this Python."""
    script = Path(sys.executable).with_name("sidebyside")
    if not script.exists():
        pytest.fail(f"no console script at {script}: install the package (pip install -e .)")
    return str(script)


def sidebyside(*args: str, size: tuple[int, int] = (160, 45)) -> Terminal:
    return Terminal([console_script(), *args], size=size, cwd=ROOT)


def row_of(screen: str) -> int:
    found = re.search(r"Row (\d+) of \d+", screen)
    assert found, f"no current row on screen:\n{screen}"
    return int(found.group(1))


def top_bar(screen: str) -> str:
    return screen.splitlines()[0]


def files_under(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def quit_with_q(term: Terminal, bound: float = QUIT_BOUND) -> float:
    term.press("q")
    seconds, status = term.wait_exit(bound)
    assert status == 0, f"exit status {status}"
    return seconds


def test_a_session_on_the_seeds_uses_every_main_key_and_quits_with_q(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("SIDEBYSIDE_DATA_DIR", str(data))
    with sidebyside(*SEEDS) as term:
        first = int(term.wait_for_match(FIRST_SCREEN, timeout=60).group(1))
        term.wait_for("pivot 1 (000)", "aligned view")
        assert "Russia pushed Assad to flee Syria" in term.text()

        term.press("j")
        term.wait_until(lambda s: row_of(s) > first, "j: the next row")
        after_j = row_of(term.text())
        term.press("n")
        term.wait_until(
            lambda s: row_of(s) > after_j and " vs " in s, "n: a row whose articles differ"
        )
        before = row_of(term.text())
        term.press("u")
        term.wait_until(
            lambda s: row_of(s) > before and "only" in s, "u: a sentence in one article only"
        )

        term.press("v")
        term.wait_until(lambda s: "reading view" in top_bar(s), "v: the reading view")
        term.press("v")
        term.wait_until(lambda s: "aligned view" in top_bar(s), "v again: the aligned view")

        term.press("o")
        term.wait_for("Overview", "escape closes")
        term.press("o")
        term.wait_for_none("escape closes")
        term.wait_for("Row ")

        term.press("question_mark")
        term.wait_for("Keys", "escape, q or ? closes this", "Quit")
        term.press("escape")
        term.wait_for_none("escape, q or ? closes this")

        term.press("slash")
        term.wait_for("Search all articles")
        term.type("transponder")
        term.wait_for("transponder")
        term.press("enter")
        term.wait_for("hit 1 of")
        term.press("escape")
        term.wait_for_none("hit 1 of", "Search all articles")

        term.press("a")
        term.wait_for("ctrl+s saves")
        term.type("Who turned the transponder off?")
        term.press("tab")
        term.type("check")
        term.press("ctrl+s")
        term.wait_for_none("ctrl+s saves")
        term.wait_for("Note saved.")
        stores = list((data / "notes").glob("*.json"))
        assert any("Who turned the transponder off?" in p.read_text("utf-8") for p in stores)

        term.press("ctrl+s")
        term.wait_for("Export the notes as Markdown to:")  # where it goes, before writing
        term.press("enter")
        term.wait_for("note(s) exported to")
        (export,) = files_under(data / "exports")
        assert "Who turned the transponder off?" in export.read_text("utf-8")

        for key in "23451":
            term.press(key)
            term.wait_until(lambda s, k=key: f"pivot {k} (" in top_bar(s), f"{key}: pivot {key}")

        dark = term.background(0, 0)
        term.press("t")
        term.wait_until(lambda s: term.background(0, 0) != dark, "t: the other theme")

        quit_with_q(term)
    assert "Who turned the transponder off?" in export.read_text("utf-8")
    assert any("Who turned the transponder off?" in p.read_text("utf-8") for p in stores)


def test_two_web_pages_open_without_their_furniture_and_q_quits(tmp_path):
    notes = tmp_path / "notes.md"
    with sidebyside(*PAGES, "--notes", str(notes)) as term:
        term.wait_for_match(FIRST_SCREEN, timeout=60)
        term.wait_for("Riverside Bridge closed after inspectors find cracks", "herald ·")
        term.press("slash")
        term.wait_for("Search all articles")
        term.type("inspectors found")
        term.press("enter")
        term.wait_for("hit 1 of")
        screen = term.text()
        assert "on Tuesday after two" in screen, screen  # the sentence, wrapped after "two"
        for boilerplate in (
            "cookies",
            "Share on Facebook",
            "Related stories",
            "Subscribe from",
            "All rights reserved",
            "Advertisement",
            "Pothole repairs",
        ):
            assert boilerplate not in screen, f"{boilerplate!r} on screen:\n{screen}"
        term.press("escape", "a")
        term.wait_for("ctrl+s saves")
        term.type("Two inspectors or an unknown number?")
        term.press("ctrl+s")
        term.wait_for("Note saved.")
        quit_with_q(term)
    assert "Two inspectors or an unknown number?" in notes.read_text("utf-8")


def test_ctrl_c_says_how_to_quit_and_q_then_quits():
    with sidebyside(*SEEDS[:2]) as term:
        term.wait_for_match(FIRST_SCREEN, timeout=60)
        term.press("ctrl+c")
        term.wait_for("Press q to quit the app")
        assert term.child.isalive()
        quit_with_q(term)


def test_keys_typed_in_one_burst_after_q_are_dropped():
    with sidebyside(*SEEDS) as term:
        term.wait_for_match(FIRST_SCREEN, timeout=60)
        term.type("qo?m")  # one write: a fast typist's burst, the overview's key among it
        _, status = term.wait_exit(QUIT_BOUND)
        assert status == 0, f"exit status {status}. The screen:\n{term.text()}"


@pytest.fixture(scope="module")
def large_set(tmp_path_factory) -> list[str]:
    """Ten versions of a 2,000-sentence story (deterministic: the same files every run)."""
    if not BENCH_SET_TOOL.exists():
        pytest.skip(f"{BENCH_SET_TOOL} is not here (it comes with the shared folder)")
    out = tmp_path_factory.mktemp("set-10x2000")
    make = [sys.executable, str(BENCH_SET_TOOL), "--versions", "10", "--sentences", "2000"]
    subprocess.run([*make, "--out", str(out)], check=True, capture_output=True, timeout=120)
    return sorted(str(p) for p in out.glob("v*.txt"))


def test_quitting_while_a_large_set_is_aligning_is_immediate(large_set):
    with sidebyside(*large_set) as term:
        term.wait_for("Aligning sentences", timeout=60)
        assert not re.search(FIRST_SCREEN, term.text())
        quit_with_q(term, QUIT_WHILE_ALIGNING_BOUND)


def test_quitting_a_large_loaded_comparison_is_immediate_and_keeps_the_note(large_set, tmp_path):
    data = tmp_path / "data"
    with sidebyside(*large_set, "--data-dir", str(data)) as term:
        term.wait_for_match(FIRST_SCREEN, timeout=120)
        # The first screen may be the preview (word-for-word repeats); notes wait for
        # the aligned rows, and the progress line says when those are in.
        term.wait_for_none("Aligning", timeout=120)
        term.press("a")
        term.wait_for("ctrl+s saves")
        term.type("Kept through a quick exit")
        term.press("ctrl+s")
        term.wait_for("Note saved.")
        term.press("n", "n")
        quit_with_q(term)
    (store,) = (data / "notes").glob("*.json")
    assert "Kept through a quick exit" in store.read_text("utf-8")
