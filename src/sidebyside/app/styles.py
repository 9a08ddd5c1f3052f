"""Turning a line of article text plus styled ranges into segments, never through markup.

Article text may contain ``[bold]`` or ``[@click=...]``: it goes into
``Segment`` objects verbatim, and styles come from component classes so they
follow the theme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from sidebyside.app.rows import ADDED, MINOR, REPLACED

# Component class of each divergence kind; both views declare these.
DIVERGENCE_CLASSES = {
    ADDED: "divergence--added",
    REPLACED: "divergence--replaced",
    MINOR: "divergence--minor",
}
SEARCH_CLASS = "divergence--search"


def styled_segments(
    text: str,
    start: int,
    end: int,
    spans: Iterable[tuple[int, int, Style]],
    base: Style | None = None,
) -> list[Segment]:
    """Segments for ``text[start:end]`` with every overlapping span's style layered on ``base``."""
    cuts = {start, end}
    active = []
    for lo, hi, style in spans:
        lo, hi = max(lo, start), min(hi, end)
        if lo < hi:
            cuts.update((lo, hi))
            active.append((lo, hi, style))
    if not active:
        return [Segment(text[start:end], base)] if end > start else []
    points = sorted(cuts)
    out = []
    for lo, hi in pairwise(points):
        style = base
        for s_lo, s_hi, s_style in active:
            if s_lo <= lo and hi <= s_hi:
                style = s_style if style is None else style + s_style
        out.append(Segment(text[lo:hi], style))
    return out


def pad(segments: list[Segment], width: int, style: Style | None = None) -> list[Segment]:
    """``segments`` filled with spaces to exactly ``width`` cells (they must not be wider)."""
    used = sum(cell_len(s.text) for s in segments)
    if used < width:
        segments.append(Segment(" " * (width - used), style))
    return segments


def ellipsize(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis when it is longer."""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def divergence_styles(lookup: Mapping[str, Style]) -> dict[str, Style]:
    """Kind → style, from a mapping of component class → resolved style."""
    return {kind: lookup[name] for kind, name in DIVERGENCE_CLASSES.items()}
