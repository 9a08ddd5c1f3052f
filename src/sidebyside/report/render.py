"""Pick the report writer for a format name."""

from __future__ import annotations

from sidebyside.engine.model import Comparison
from sidebyside.report.as_json import render_json


def render(comparison: Comparison, fmt: str, pivot: int = 0, color: bool = False) -> str:
    if fmt == "json":
        return render_json(comparison, pivot)
    if fmt == "markdown":
        from sidebyside.report.as_markdown import render_markdown

        return render_markdown(comparison, pivot)
    from sidebyside.report.as_text import render_text

    return render_text(comparison, pivot, color=color)
