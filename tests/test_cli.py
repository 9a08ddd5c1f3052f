"""The command line as a script author meets it: exit codes, messages, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}


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


@pytest.mark.parametrize("fmt", ["json"])
def test_compare_json_lists_every_document(fmt):
    proc = run("compare", "--format", fmt, str(SEED["000"]), str(SEED["002"]))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 1
    assert [d["path"] for d in data["documents"]] == [str(SEED["000"]), str(SEED["002"])]


def test_missing_file_is_one_clear_line(tmp_path):
    missing = tmp_path / "nope.txt"
    proc = run("compare", str(missing), str(SEED["000"]))
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "nope.txt" in lines[0]
