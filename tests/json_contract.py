"""Checks a ``compare --format json`` report against the JSON Schema the package ships.

Every test that reads a JSON report passes it through ``assert_valid_report``
so the schema, the README written from it and the output cannot drift apart.
"""

from __future__ import annotations

import json
from functools import cache

from jsonschema import Draft202012Validator

from sidebyside.report.schema import schema


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def report_errors(report: dict) -> list[str]:
    """Every way ``report`` breaks the schema, one line each (path: message)."""
    found = sorted(validator().iter_errors(report), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in found]


def assert_valid_report(report: dict | str | bytes) -> dict:
    """``report`` (parsed, or JSON text) parsed; fails listing what breaks the schema."""
    data = json.loads(report) if isinstance(report, str | bytes) else report
    errors = report_errors(data)
    assert not errors, "the JSON report breaks compare.schema.json:\n" + "\n".join(errors[:20])
    return data
