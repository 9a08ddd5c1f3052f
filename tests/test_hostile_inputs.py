"""Hostile and broken input through the command line: nothing raw on the terminal,
no hang, no garbled text, no traceback.

Each test runs ``python -m sidebyside`` as a user would, with a hard timeout, so
a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hard_timeout import within
from json_contract import assert_valid_report

from sidebyside.engine.loading import InputWarning, LoadError, read_article
from sidebyside.engine.pipeline import load_documents
from sidebyside.engine.sanitize import json_safe, one_line, visible, visible_lines

STORY = "Assad fled Syria on Sunday. The rebels took Damascus after a lightning offensive.\n"
OTHER = "The rebels took Damascus. Assad fled Syria for Moscow on Sunday night.\n"
ESCAPES = "\x1b]0;PWNED\x07"
SEED = Path(__file__).resolve().parent.parent / "seeds"


def sidebyside(
    *args: str, cwd=None, stdin=None, timeout: float = 60
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", *args],
        capture_output=True,
        cwd=cwd,
        stdin=stdin,
        timeout=timeout,
    )


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The single stderr line of a refused command, checked free of control characters."""
    assert proc.returncode == 2, proc.stderr
    text = proc.stderr.decode("utf-8")
    usage = text.startswith("usage:")  # argparse's usage, then the error line
    lines = [line for line in text.splitlines() if not usage or line.startswith("sidebyside")]
    assert len(lines) == 1, lines
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in lines[0]), repr(lines[0])
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def other(tmp_path: Path) -> str:
    path = tmp_path / "other.txt"
    path.write_text(OTHER, encoding="utf-8")
    return str(path)


# --- the one rule: what may reach a terminal ---------------------------------------------


def test_every_control_character_is_shown_as_a_visible_symbol():
    controls = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0)]))
    for made in (visible(controls), visible_lines(controls), one_line(controls)):
        assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in made)
    assert visible("a\x1b[31mb") == "a␛[31mb" and len(visible(controls)) == len(controls)
    assert visible_lines("one\r\ntwo\x1b]0;x\x07") == "one\ntwo␛]0;x␇"
    assert one_line("name\nwith a break\x9b") == "name␊with a break\ufffd"
    assert one_line("\ud800") == "\ufffd"  # a file name's undecodable byte prints


def test_json_escapes_the_c1_controls_it_would_leave_raw():
    dumped = json.dumps({"text": "a\x9b31mb\x85c\x7f\u00e9"}, ensure_ascii=False)
    safe = json_safe(dumped)
    assert json.loads(safe) == json.loads(dumped)
    assert not any(0x7F <= ord(c) <= 0x9F for c in safe) and "é" in safe


def test_compare_json_holds_no_raw_c1_control(tmp_path, other):
    path = tmp_path / "csi.txt"
    path.write_text("An eight-bit \x9b31mCSI was sent on Sunday. Assad fled Syria.\n")
    proc = sidebyside("compare", "--format", "json", str(path), other)
    assert proc.returncode == 0, proc.stderr
    assert "\x9b" not in proc.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "name",
    [f"a{ESCAPES}.txt", "a\nsidebyside: error: forged.txt", "a\x9b2J.txt", "a\x1b[2J\x1b[H.txt"],
    ids=["osc", "newline", "8-bit-csi", "clear-screen"],
)
def test_a_hostile_file_name_is_one_safe_error_line(tmp_path, other, name):
    line = one_error_line(sidebyside("compare", str(tmp_path / name), other))
    assert line.startswith("sidebyside: error: ") and "no such file" in line


def test_a_hostile_option_value_is_one_safe_error_line(other):
    line = one_error_line(sidebyside("compare", "--format", f"x{ESCAPES}", other, other))
    assert "PWNED" in line and "invalid choice" in line


def test_an_undecodable_file_name_is_printed_not_a_traceback(tmp_path, other):
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "sidebyside", "compare", name, other],
        capture_output=True,
        timeout=60,
    )
    assert "no such file" in one_error_line(proc)


def test_a_warning_about_a_hostile_corrections_file_is_one_safe_line(tmp_path, other):
    corrections = tmp_path / f"fix{ESCAPES}.json"
    corrections.write_text('{"corrections": [{"id": "x", "action": "nonsense"}]}')
    proc = sidebyside("compare", "--corrections", str(corrections), other, other)
    assert proc.returncode == 0, proc.stderr
    for line in proc.stderr.decode().splitlines():
        assert "\x1b" not in line and "\x07" not in line


# --- HTML with control characters -----------------------------------------------------

# NUL is left out: a file holding NUL bytes is refused as binary, in one clear line.
CONTROLS = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_html_with_a_control_character_loads(tmp_path, control):
    path = tmp_path / "page.html"
    path.write_text(f"<p>Assad {control}<b>fled</b> Syria on Sunday.</p>", encoding="utf-8")
    (doc,) = load_documents([str(path)])
    assert "fled" in doc.text and "Syria" in doc.text


def test_html_with_an_escape_compares_without_a_traceback(tmp_path, other):
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>x \x1b<b>y</b> z.</p>")
    proc = sidebyside("compare", str(path), other)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr


# --- nothing hangs ----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", [["compare"], []], ids=["compare", "app"])
def test_a_fifo_nobody_writes_to_is_an_error_not_a_hang(tmp_path, other, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    line = one_error_line(sidebyside(*command, "--timeout", "1", str(fifo), other, timeout=30))
    assert "--timeout" in line and "no data within 1 s" in line


def _writer(fifo: Path, script: str, wait: float = 0) -> subprocess.Popen:
    """A process that, ``wait`` seconds from now, opens ``fifo`` as ``f`` and runs ``script``."""
    code = f"import time\ntime.sleep({wait})\nf = open({str(fifo)!r}, 'w')\n{script}"
    return subprocess.Popen([sys.executable, "-c", code])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_whose_writer_comes_late_is_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = _writer(fifo, f"f.write({STORY!r})", wait=0.5)  # after the reader opened it
    try:
        assert within(30, lambda: read_article(str(fifo), timeout=20)) == (STORY, "utf-8")
    finally:
        writer.wait(timeout=30)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_that_never_ends_stops_at_the_deadline(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = _writer(fifo, "while True:\n    f.write('word '); f.flush(); time.sleep(0.1)")
    try:
        with pytest.raises(LoadError) as info:
            within(30, lambda: read_article(str(fifo), timeout=1))
        assert "had not ended after 1 s" in info.value.problem
    finally:
        writer.kill()
        writer.wait(timeout=30)


def test_standard_input_that_is_a_slow_pipe_is_read(other):
    producer = subprocess.Popen(
        [sys.executable, "-c", f"import time, sys; time.sleep(0.5); sys.stdout.write({STORY!r})"],
        stdout=subprocess.PIPE,
    )
    try:
        proc = sidebyside("compare", "--format", "json", "-", other, stdin=producer.stdout)
    finally:
        producer.wait(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert assert_valid_report(proc.stdout)["documents"][0]["path"] == "-"


# --- decoding keeps what is right ----------------------------------------------------------


def test_utf8_with_a_stray_byte_stays_utf8_with_one_warning_line(tmp_path, other):
    path = tmp_path / "stray.txt"
    path.write_bytes("Le président a parlé à Damas dimanche.\n".encode() + b"Une \xe9tape.\n")
    proc = sidebyside("compare", "--format", "json", str(path), other)
    assert proc.returncode == 0, proc.stderr
    text = "".join(s["text"] for s in assert_valid_report(proc.stdout)["documents"][0]["sentences"])
    assert "président" in text and "parlé à" in text and "Une \ufffdtape." in text
    assert "Ã" not in text
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sidebyside: warning: ") and "1 byte" in lines[0]


@pytest.mark.parametrize("bad", [b"\xe9", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80"], ids=str)
def test_damaged_utf8_is_read_as_utf8_and_says_so(tmp_path, bad):
    path = tmp_path / "damaged.txt"
    path.write_bytes("Déjà vu à Moscou, « président » réélu. ".encode() + bad + b" Fin.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, encoding = read_article(str(path))
    assert encoding == "utf-8" and text.startswith("Déjà vu à Moscou, « président » réélu.")
    assert [w.category for w in caught] == [InputWarning]


def test_legacy_text_is_still_read_as_legacy(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Le président a parlé à Damas, « déjà » réélu.\n".encode("cp1252"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning either
        assert read_article(str(path)) == (
            "Le président a parlé à Damas, « déjà » réélu.\n",
            "cp1252",
        )


# --- notes -o ------------------------------------------------------------------------------------


def test_notes_output_refuses_to_replace_a_file_that_is_not_an_export(tmp_path):
    a, b = sorted(str(p) for p in SEED.glob("*.txt"))[:2]
    data = str(tmp_path / "data")
    precious = tmp_path / "important.txt"
    precious.write_text("My thesis, three years of work.\n")
    line = one_error_line(sidebyside("notes", "--data-dir", data, "-o", str(precious), a, b))
    assert "--force" in line
    assert precious.read_text() == "My thesis, three years of work.\n"
    export = tmp_path / "notes.md"
    for _ in range(2):  # a new file, then an export of its own: both written
        proc = sidebyside("notes", "--data-dir", data, "-o", str(export), a, b)
        assert proc.returncode == 0, proc.stderr
    forced = sidebyside("notes", "--data-dir", data, "-o", str(precious), "--force", a, b)
    assert forced.returncode == 0 and precious.read_text().startswith("# Notes on 2 articles")
