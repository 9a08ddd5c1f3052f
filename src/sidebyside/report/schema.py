"""The JSON Schema of ``compare --format json``, shipped beside this module.

Tests validate every JSON report against it and the README's schema section
is written from it, so the contract scripts rely on is checked, not described.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "compare.schema.json"


def schema_text() -> str:
    return files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    return json.loads(schema_text())
