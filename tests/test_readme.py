"""The README shows what the program prints: its examples and schema section are generated.

When this fails, the program's output (or the schema) changed: run
``python scripts/update_readme.py`` and read the difference before committing.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_script():
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_parts_of_the_readme_match_what_the_program_prints():
    script = load_script()
    current = script.README.read_text("utf-8")
    fresh = script.updated(current)
    diff = "".join(
        difflib.unified_diff(current.splitlines(True), fresh.splitlines(True), "README.md", "now")
    )
    assert not diff, "README.md is stale; run python scripts/update_readme.py\n" + diff


def test_the_readme_has_the_two_set_up_commands_ci_types():
    """.ci/run reads the commands under "Set up" and runs them as written."""
    readme = (ROOT / "README.md").read_text("utf-8")
    set_up = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", set_up, re.S)
    assert commands == [
        "pip install -e . && sidebyside seeds/*.txt",
        "pip install -e '.[test]' && pytest",
    ]
