"""The command line as a script author meets it: exit codes, messages, formats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from articles import SEED
from json_contract import assert_valid_report

PAGES = Path(__file__).resolve().parent / "data" / "html"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", *args],
        capture_output=True,
        input=stdin,
        timeout=120,
    )


def test_no_arguments_prints_usage_and_exits_2():
    proc = run()
    assert proc.returncode == 2
    assert b"usage:" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_help_and_version_describe_the_tool():
    assert b"side by side" in run("--help").stdout
    assert b"--format" in run("compare", "--help").stdout
    assert run("--version").stdout.startswith(b"sidebyside ")


def test_compare_json_lists_every_document():
    proc = run("compare", "--format", "json", str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 0, proc.stderr
    data = assert_valid_report(proc.stdout)
    assert [d["path"] for d in data["documents"]] == [str(SEED["000"]), str(SEED["002"])]


@pytest.mark.parametrize("command", [[], ["compare"], ["notes"]], ids=["app", "compare", "notes"])
def test_missing_file_is_one_clear_line(tmp_path, command):
    missing = tmp_path / "nope.txt"
    proc = run(*command, str(missing), str(SEED["000"]))
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "nope.txt" in lines[0], lines
    assert proc.stdout == b""  # the app did not start: nothing was drawn


def test_web_pages_compare_on_a_plain_install():
    """HTML extraction needs lxml's cleaner; without it this was a traceback and status 1."""
    proc = run("compare", str(PAGES / "courier.html"), str(PAGES / "herald.html"))
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
    assert b"after [-two-] inspectors found cracks" in proc.stdout
    assert b"cookies" not in proc.stdout and b"Share on" not in proc.stdout


def test_text_report_has_no_colour_codes_when_piped():
    proc = run("compare", str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 0
    assert b"\x1b" not in proc.stdout
    assert b"{+The officials said two+}" in proc.stdout


def test_markdown_report_is_a_document():
    proc = run("compare", "--format", "markdown", str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"# ")


def test_pivot_out_of_range_is_a_usage_error():
    proc = run("compare", "--pivot", "3", str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 2
    assert b"--pivot must be between 1 and 2" in proc.stderr


def test_pivot_sets_the_reading_order():
    first = assert_valid_report(
        run("compare", "--format", "json", str(SEED["000"]), str(SEED["002"])).stdout
    )
    second = assert_valid_report(
        run(
            "compare", "--format", "json", "--pivot", "2", str(SEED["000"]), str(SEED["002"])
        ).stdout
    )
    assert second["pivot"] == 1
    order = [m["sentence"] for g in second["groups"] for m in g["members"] if m["doc"] == 1]
    assert order == sorted(order), "rows follow the second article"
    assert first["groups"] != second["groups"]


def test_compare_does_not_load_the_terminal_ui():
    code = (
        "import sys; from sidebyside.cli import main; "
        f"main(['compare', '--format', 'json', {str(SEED['000'])!r}, {str(SEED['002'])!r}]); "
        "sys.stderr.write(str(any(m.startswith('textual') for m in sys.modules)))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.stderr.endswith(b"False"), proc.stderr[-300:]


def test_closed_pipe_is_not_an_error():
    proc = subprocess.run(
        f"{sys.executable} -m sidebyside compare {SEED['000']} {SEED['001']} | head -1",
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert b"Traceback" not in proc.stderr and b"Error" not in proc.stderr


def test_notes_command_exports_headless_and_refuses_a_foreign_notes_file(tmp_path):
    data = str(tmp_path / "data")
    proc = run("notes", "--data-dir", data, str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"# Notes on 2 articles") and b"No notes yet." in proc.stdout
    out = tmp_path / "notes.md"
    proc = run("notes", "--data-dir", data, "-o", str(out), str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 0 and out.read_text(encoding="utf-8").startswith("# Notes")
    assert b"--data-dir" in run("notes", "--help").stdout
    assert b"--notes" in run("--help").stdout
    foreign = tmp_path / "shopping.md"
    foreign.write_text("# Shopping\n\n- milk\n", encoding="utf-8")
    proc = run("--notes", str(foreign), str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 2
    assert (
        len(proc.stderr.decode().strip().splitlines()) == 1 and b"not a sidebyside" in proc.stderr
    )
    assert foreign.read_text(encoding="utf-8") == "# Shopping\n\n- milk\n"
